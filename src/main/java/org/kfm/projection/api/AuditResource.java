package org.kfm.projection.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kfm.projection.run.RunHistory;

/**
 * The audit trail, read-only: every action taken through the service (accepted, refused, denied),
 * newest first, for viewers and operators. It is the {@code kfm_ops.audit_event} table that
 * {@code service.AuditTrail} writes.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {
    private final RunHistory history;

    @Inject
    public AuditResource(RunHistory history) {
        this.history = history;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @APIResponse(responseCode = "200", description = "One page of the audit trail, newest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditView.Page.class)))
    @APIResponse(responseCode = "400", description = "A page or size that is not valid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one that was rejected",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A token without the viewer or operator role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditView.Page list(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("20") String size) {
        int p = RebuildsResource.intParam("page", page, 0, Integer.MAX_VALUE / RebuildsResource.MAX_PAGE_SIZE);
        int s = RebuildsResource.intParam("size", size, 1, RebuildsResource.MAX_PAGE_SIZE);
        return new AuditView.Page(history.auditPage(s, p * s).stream().map(AuditView::of).toList(), p, s, history.auditCount());
    }
}
