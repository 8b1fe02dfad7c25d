package org.kfm.projection.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.error.Shown;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.history.Trigger;
import org.kfm.projection.run.RebuildRequest;
import org.kfm.projection.run.RunHistory;
import org.kfm.projection.service.AuditTrail;
import org.kfm.projection.service.RebuildService;

/** Rebuilds: start one (202), list them, follow one, cancel one. */
@Path("/api/v1/rebuilds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rebuilds")
public class RebuildsResource {
    static final int MAX_PAGE_SIZE = 100;

    private final RebuildService rebuilds;
    private final RunHistory history;
    private final Settings settings;
    private final CatalogPolicy catalogs;
    private final AuditTrail audit;
    private final Refusals refusals;
    private final JsonWebToken jwt;
    private final ObjectMapper json;

    @Inject
    public RebuildsResource(RebuildService rebuilds, RunHistory history, Settings settings, CatalogPolicy catalogs,
            AuditTrail audit, Refusals refusals, JsonWebToken jwt, ObjectMapper json) {
        this.refusals = refusals;
        this.rebuilds = rebuilds;
        this.history = history;
        this.settings = settings;
        this.catalogs = catalogs;
        this.audit = audit;
        this.jwt = jwt;
        this.json = json;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Audited("rebuild.start")
    @RequestBody(required = false, description = "optional; an empty body rebuilds the configured catalog",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RebuildBody.class)))
    @APIResponse(responseCode = "202", description = "accepted: the run (Location names it)",
            headers = @Header(name = "Location", description = "/api/v1/rebuilds/{id}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "409", description = "another run holds the rebuild lock (runId names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        String who = Caller.name(jwt);
        JsonNode args = rawArguments(json, body);
        AtomicReference<UUID> attempt = new AtomicReference<>();
        try {
            RebuildBody b = Bodies.parse(contentType, body, RebuildBody.class, RebuildBody.EMPTY);
            args = json.valueToTree(b);
            OptionalDouble allowShrink;
            try {
                allowShrink = RebuildRequest.shrinkAllowance("allowShrink", b.allowShrink());
            } catch (UsageException e) {
                throw new InvalidFieldException("invalid-field", "allowShrink", e.getMessage());
            }
            Optional<String> catalog = catalogs.check("catalog", b.catalog());
            RebuildRequest request = new RebuildRequest(catalog, isTrue(b.dryRun()), isTrue(b.noSwap()),
                    isTrue(b.force()), allowShrink, true, new Trigger(who, "api"),
                    catalogs.readsOf(catalog)).withPruneBeforeLoad(isTrue(b.pruneBeforeLoad()))
                    .withFull(isTrue(b.full()));
            UUID id = rebuilds.submit(request, attempt::set);
            audit.record(who, "rebuild.start", args, "accepted", id);
            RunView run = RunView.summary(history.run(id).orElseThrow(() -> RebuildService.notFound(id)));
            return Response.accepted(run).location(URI.create("/api/v1/rebuilds/" + id)).build();
        } catch (KfmException e) {
            throw refusals.refused(who, "rebuild.start", args, attempt.get(), e);
        }
    }

    /** What the caller sent, before it is parsed: kept (cut short by the audit trail) for a refusal. */
    static JsonNode rawArguments(ObjectMapper json, String body) {
        return body == null || body.isBlank() ? json.createObjectNode() : json.createObjectNode().put("body", body);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @APIResponse(responseCode = "200", description = "one page of rebuilds, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunPage.class)))
    public RunPage list(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("20") String size) {
        int p = intParam("page", page, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int s = intParam("size", size, 1, MAX_PAGE_SIZE);
        String projection = settings.projection().name();
        return new RunPage(history.recentRuns(projection, RunKind.REBUILD, s, p * s).stream().map(RunView::summary)
                .toList(), p, s, history.countRuns(projection, RunKind.REBUILD));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @APIResponse(responseCode = "200", description = "the rebuild with its events, parity report and receipt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "no rebuild with that id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RunView get(@PathParam("id") String id) {
        UUID runId = runId(id);
        RunSummary run = history.run(runId).filter(r -> RunKind.REBUILD.dbValue().equals(r.kind()))
                .orElseThrow(() -> RebuildService.notFound(runId));
        return RunView.detail(run, history.events(runId), history.deliveries(runId));
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed(Roles.OPERATOR)
    @Audited("rebuild.cancel")
    @APIResponse(responseCode = "202", description = "cancel requested: the run stops at its next batch",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "no rebuild with that id", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the rebuild is not running", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("id") String id) {
        String who = Caller.name(jwt);
        ObjectNode args = json.createObjectNode().put("id", id);
        UUID runId = null;
        try {
            runId = runId(id);
            RunSummary run = rebuilds.cancel(runId, who);
            audit.record(who, "rebuild.cancel", args, "accepted", runId);
            return Response.accepted(RunView.summary(run)).build();
        } catch (KfmException e) {
            KfmException answer = "run-not-running".equals(e.rule()) ? new RunScopedException(e, runId) : e;
            audit.record(who, "rebuild.cancel", args, AuditOutcome.of(e), runId);
            throw answer;
        }
    }

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    static UUID runId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("invalid-field", "id", "id: '" + Shown.value(id) + "' is not a run id "
                    + "(a UUID)");
        }
    }

    static int intParam(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidFieldException("invalid-field", name, name + " must be an integer in " + min + ".." + max
                + ", got '" + Shown.value(value) + "'");
    }
}
