package org.kfm.projection.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.Shown;
import org.kfm.projection.history.Trigger;
import org.kfm.projection.run.LockHeldException;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.RunObserver;
import org.kfm.projection.service.AuditTrail;
import org.kfm.projection.service.FreshnessCheck;
import org.kfm.projection.service.ServiceMetrics;

/** The projection: its generations, rollback, and a stand-alone parity check. */
@Path("/api/v1/projection")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "projection")
public class ProjectionResource {
    private final ProjectionOperations operations;
    private final Settings settings;
    private final CatalogPolicy catalogs;
    private final AuditTrail audit;
    private final Refusals refusals;
    private final ServiceMetrics metrics;
    private final JsonWebToken jwt;
    private final ObjectMapper json;
    private final FreshnessCheck freshness;

    @Inject
    public ProjectionResource(ProjectionOperations operations, Settings settings, CatalogPolicy catalogs,
            AuditTrail audit, Refusals refusals, ServiceMetrics metrics, JsonWebToken jwt, ObjectMapper json,
            FreshnessCheck freshness) {
        this.operations = operations;
        this.settings = settings;
        this.catalogs = catalogs;
        this.audit = audit;
        this.refusals = refusals;
        this.metrics = metrics;
        this.jwt = jwt;
        this.json = json;
        this.freshness = freshness;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @APIResponse(responseCode = "200", description = "live and previous generation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProjectionView.class)))
    public ProjectionView get() {
        return ProjectionView.of(operations.status(0), freshness.now());
    }

    /** Makes the previous generation live again (the live one becomes previous); 409 when there is none. */
    @POST
    @Path("rollback")
    @RolesAllowed(Roles.OPERATOR)
    @Audited("projection.rollback")
    @APIResponse(responseCode = "200", description = "the rollback's run, what it did, and the projection after it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RollbackView.class)))
    @APIResponse(responseCode = "409", description = "no previous generation, or another run holds the lock",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RollbackView rollback() {
        String who = Caller.name(jwt);
        AtomicReference<UUID> run = new AtomicReference<>();
        try {
            SwapView r = SwapView.of(operations.rollback(new Trigger(who, "api"), observer(run)).value());
            audit.record(who, "projection.rollback", json.createObjectNode(), "succeeded", run.get());
            return new RollbackView(run.get(), r, ProjectionView.of(operations.status(0), freshness.now()));
        } catch (KfmException e) {
            throw refusals.refused(who, "projection.rollback", json.createObjectNode(), run.get(), e);
        }
    }

    /**
     * Checks a generation against a catalog with the parity rules that need no load; 200 with the
     * report when parity holds, 422 problem details naming every failure otherwise.
     */
    @POST
    @Path("validate")
    @RolesAllowed(Roles.OPERATOR)
    @Audited("projection.validate")
    @RequestBody(required = false, description = "optional; an empty body checks live against the configured catalog",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ValidateBody.class)))
    @APIResponse(responseCode = "200", description = "parity holds: the parity report (as in receipts) and the "
            + "validate run's id (runId)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT, description = "parity report: passed, "
                            + "datasetVersions, findings, changes, plus runId")))
    @APIResponse(responseCode = "409", description = "the generation to check does not exist",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "parity failed (every failure listed), or the catalog is bad "
            + "input", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Response validate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        String who = Caller.name(jwt);
        JsonNode args = RebuildsResource.rawArguments(json, body);
        AtomicReference<UUID> run = new AtomicReference<>();
        try {
            ValidateBody b = Bodies.parse(contentType, body, ValidateBody.class, ValidateBody.EMPTY);
            args = json.valueToTree(b);
            String schema = schema(b.generation());
            Optional<String> catalog = catalogs.check("catalog", b.catalog());
            String report = operations.validate(Optional.of(schema), catalog, catalogs.readsOf(catalog),
                    new Trigger(who, "api"), observer(run)).value().json();
            audit.record(who, "projection.validate", args, "succeeded", run.get());
            return Response.ok(withRunId(report, run.get()), MediaType.APPLICATION_JSON).build();
        } catch (KfmException e) {
            if (e.code() == ErrorCode.PARITY_FAILED) {
                metrics.parityFailed();
            }
            throw refusals.refused(who, "projection.validate", args, run.get(), e);
        }
    }

    private ObjectNode withRunId(String report, UUID runId) {
        try {
            ObjectNode out = json.createObjectNode().put("runId", runId == null ? null : runId.toString());
            out.setAll((ObjectNode) json.readTree(report));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the parity report did not render as JSON", e);
        }
    }

    private static RunObserver observer(AtomicReference<UUID> run) {
        return new RunObserver() {
            @Override
            public void started(UUID runId) {
                run.set(runId);
            }
        };
    }

    /** Only the projection's own generations can be checked: no endpoint reads an arbitrary schema. */
    private String schema(String generation) {
        String g = generation == null ? "live" : generation.strip().toLowerCase(Locale.ROOT);
        return switch (g) {
            case "live" -> settings.projection().name();
            case "previous" -> settings.previous().name();
            case "shadow" -> settings.shadow().name();
            default -> throw new InvalidFieldException("invalid-field", "generation", "generation must be live, "
                    + "previous or shadow, got '" + Shown.value(generation) + "'");
        };
    }
}
