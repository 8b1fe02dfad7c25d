package org.kfm.projection.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.run.RunHistory;

/**
 * Runs of every kind, read-only: rebuilds, and the rollbacks, prunes, validations, migrations and
 * smoke tests that {@code /rebuilds} does not show. Refused attempts are left out unless asked for
 * ({@code outcome=REFUSED}).
 */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
public class RunsResource {
    private final RunHistory history;
    private final Settings settings;

    @Inject
    public RunsResource(RunHistory history, Settings settings) {
        this.history = history;
        this.settings = settings;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @APIResponse(responseCode = "200", description = "One page of runs, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RunRecordView.Page.class)))
    @APIResponse(responseCode = "400", description = "A page, size, kind or outcome that is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one that was rejected",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A token without the viewer or operator role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RunRecordView.Page list(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("20") String size, @QueryParam("kind") String kind,
            @QueryParam("outcome") String outcome) {
        int p = RebuildsResource.intParam("page", page, 0, Integer.MAX_VALUE / RebuildsResource.MAX_PAGE_SIZE);
        int s = RebuildsResource.intParam("size", size, 1, RebuildsResource.MAX_PAGE_SIZE);
        Optional<RunKind> k = kind == null ? Optional.empty() : Optional.of(RunKind.parse(kind).orElseThrow(
                () -> invalid("kind", kind, Arrays.stream(RunKind.values()).map(RunKind::dbValue))));
        Optional<RunOutcome> o = outcome == null ? Optional.empty() : Optional.of(RunOutcome.parse(outcome)
                .orElseThrow(() -> invalid("outcome", outcome, Arrays.stream(RunOutcome.values()).map(Enum::name))));
        String projection = settings.projection().name();
        return new RunRecordView.Page(history.runs(projection, k, o, s, p * s).stream().map(RunRecordView::summary)
                .toList(), p, s, history.countRuns(projection, k, o));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @APIResponse(responseCode = "200", description = "The run, with its events and (once ended) its receipt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RunRecordView.class)))
    @APIResponse(responseCode = "400", description = "An id that is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one that was rejected",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A token without the viewer or operator role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No run of this projection has that id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RunRecordView get(@PathParam("id") String id) {
        UUID runId = RebuildsResource.runId(id);
        return history.run(runId).filter(r -> settings.projection().name().equals(r.projection()))
                .map(r -> RunRecordView.detail(r, history.events(runId)))
                .orElseThrow(() -> new KfmException(ErrorCode.BAD_USAGE, "run-not-found", "no run with id " + runId));
    }

    private static InvalidFieldException invalid(String field, String value, java.util.stream.Stream<String> allowed) {
        return new InvalidFieldException("invalid-field", field, field + " must be one of "
                + allowed.collect(Collectors.joining(", ")) + ", got '" + value + "'");
    }
}
