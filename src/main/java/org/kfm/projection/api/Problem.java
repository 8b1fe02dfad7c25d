package org.kfm.projection.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.UUID;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), with the project's
 * extensions: the broken {@code rule}, the {@code field} of the request at fault, the {@code runId}
 * concerned.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String rule, String field,
        UUID runId) {
    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://kfm.example/problems/";

    static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }
}
