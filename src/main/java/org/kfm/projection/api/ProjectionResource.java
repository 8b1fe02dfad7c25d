package org.kfm.projection.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.ops.Trigger;
import org.kfm.projection.run.LockHeldException;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.Recorded;
import org.kfm.projection.service.AuditTrail;
import org.kfm.projection.service.ServiceMetrics;
import org.kfm.projection.swap.SwapResult;
import org.kfm.projection.validate.ParityReport;

/** The projection: its generations, rollback, and a stand-alone parity check. */
@Path("/api/v1/projection")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "projection")
public class ProjectionResource {
    private final ProjectionOperations operations;
    private final Settings settings;
    private final CatalogPolicy catalogs;
    private final AuditTrail audit;
    private final ServiceMetrics metrics;
    private final JsonWebToken jwt;
    private final ObjectMapper json;

    @Inject
    public ProjectionResource(ProjectionOperations operations, Settings settings, CatalogPolicy catalogs,
            AuditTrail audit, ServiceMetrics metrics, JsonWebToken jwt, ObjectMapper json) {
        this.operations = operations;
        this.settings = settings;
        this.catalogs = catalogs;
        this.audit = audit;
        this.metrics = metrics;
        this.jwt = jwt;
        this.json = json;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    public ProjectionView get() {
        return ProjectionView.of(operations.status(0));
    }

    /** Makes the previous generation live again (the live one becomes previous); 409 when there is none. */
    @POST
    @Path("rollback")
    @RolesAllowed(Roles.OPERATOR)
    @Audited("projection.rollback")
    public Response rollback() {
        String who = Caller.name(jwt);
        try {
            Recorded<SwapResult> r = operations.rollback(new Trigger(who, "api"));
            audit.record(who, "projection.rollback", json.createObjectNode(), "succeeded", r.runId());
            ObjectNode body = json.createObjectNode().put("runId", r.runId().toString());
            body.set("rollback", json.valueToTree(r.value()));
            body.set("projection", json.valueToTree(ProjectionView.of(operations.status(0))));
            return Response.ok(body).build();
        } catch (KfmException e) {
            audit.record(who, "projection.rollback", json.createObjectNode(), "refused:" + e.rule(), null);
            throw holderNamed(e);
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
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ValidateBody.class)))
    public Response validate(String body) throws JsonProcessingException {
        String who = Caller.name(jwt);
        ObjectNode args = json.createObjectNode();
        try {
            ValidateBody b = Bodies.parse(json, body, ValidateBody.class, ValidateBody.EMPTY);
            args = json.valueToTree(b);
            String schema = schema(b.generation());
            Optional<String> catalog = catalogs.check("catalog", b.catalog());
            Recorded<ParityReport> report = operations.validate(Optional.of(schema), catalog,
                    new Trigger(who, "api"));
            audit.record(who, "projection.validate", args, "succeeded", report.runId());
            ObjectNode answer = (ObjectNode) json.readTree(report.value().toJson());
            answer.put("runId", report.runId().toString());
            return Response.ok(answer, MediaType.APPLICATION_JSON).build();
        } catch (KfmException e) {
            if (e.code() == ErrorCode.PARITY_FAILED) {
                metrics.parityFailed();
            }
            audit.record(who, "projection.validate", args, (e instanceof LockHeldException ? "refused:" : "failed:")
                    + e.rule(), null);
            throw holderNamed(e);
        } catch (JsonProcessingException e) {
            audit.record(who, "projection.validate", args, "refused:malformed-json", null);
            throw e;
        }
    }

    /** A refusal for a held lock names the run that holds it, as POST /rebuilds does. */
    private static KfmException holderNamed(KfmException e) {
        return e instanceof LockHeldException held ? new RunScopedException(held, held.holderRunId().orElse(null)) : e;
    }

    /** Only the projection's own generations can be checked: no endpoint reads an arbitrary schema. */
    private String schema(String generation) {
        String g = generation == null ? "live" : generation.strip().toLowerCase(Locale.ROOT);
        return switch (g) {
            case "live" -> settings.projection().name();
            case "previous" -> settings.previous().name();
            case "shadow" -> settings.shadow().name();
            default -> throw new InvalidFieldException("invalid-field", "generation", "generation must be live, "
                    + "previous or shadow, got '" + generation + "'");
        };
    }
}
