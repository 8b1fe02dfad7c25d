package org.kfm.projection.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), with the project's
 * extensions: the broken {@code rule}, the {@code field} of the request at fault, the {@code runId}
 * concerned (for {@code lock-held}: the run holding the lock).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String rule, String field,
        UUID runId) {
    public static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(ProblemType type, int status, String detail, String instance, String rule, String field,
            UUID runId) {
        return new Problem(type.uri(), type.title(), status, detail, instance, rule, field, runId);
    }

    Response response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
