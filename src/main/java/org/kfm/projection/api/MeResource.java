package org.kfm.projection.api;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Open to every caller (a rejected token is still a 401). Who the bearer token names and which of the API's roles it holds: the console asks, rather than
 * reading the token itself, so it works the same when an auth proxy injects the token.
 */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me")
public class MeResource {
    /** The caller as audits record it, and its roles among {@code viewer} and {@code operator}. */
    public record Me(String principal, List<String> roles) {
    }

    private final JsonWebToken jwt;

    @Inject
    public MeResource(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    @GET
    @PermitAll
    @APIResponse(responseCode = "200", description = "the caller and its roles; without a token, no principal "
            + "and no role (so a page can tell whether an auth proxy sent one)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Me.class)))
    public Me me() {
        if (jwt.getRawToken() == null) {
            return new Me(null, List.of());
        }
        return new Me(Caller.name(jwt), Stream.of(Roles.VIEWER, Roles.OPERATOR).filter(jwt.getGroups()::contains)
                .toList());
    }
}
