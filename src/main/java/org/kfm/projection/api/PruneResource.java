package org.kfm.projection.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.Trigger;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.service.AuditTrail;

/**
 * {@code POST /projection/prune}: drops the previous generation and any retired ones, as
 * {@code kfm-projection prune} does, under the rebuild lock; live is never touched.
 */
@Path("/api/v1/projection/prune")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "projection")
public class PruneResource {
    private final ProjectionOperations operations;
    private final AuditTrail audit;
    private final Refusals refusals;
    private final JsonWebToken jwt;
    private final ObjectMapper json;

    @Inject
    public PruneResource(ProjectionOperations operations, AuditTrail audit, Refusals refusals, JsonWebToken jwt,
            ObjectMapper json) {
        this.operations = operations;
        this.audit = audit;
        this.refusals = refusals;
        this.jwt = jwt;
        this.json = json;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Audited("projection.prune")
    @APIResponse(responseCode = "200", description = "the prune's run id and what it dropped: {runId, prune: "
            + "{dropped, notDropped}}", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "409", description = "another run holds the rebuild lock",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ObjectNode prune() {
        String who = Caller.name(jwt);
        try {
            var done = operations.prune(new Trigger(who, "api"));
            audit.record(who, "projection.prune", json.createObjectNode(), "succeeded", done.runId());
            ObjectNode out = json.createObjectNode().put("runId", done.runId().toString());
            out.set("prune", json.valueToTree(done.value()));
            return out;
        } catch (KfmException e) {
            throw refusals.refused(who, "projection.prune", json.createObjectNode(), null, e);
        }
    }
}
