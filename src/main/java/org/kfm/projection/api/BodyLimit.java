package org.kfm.projection.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kfm.projection.error.Shown;
import jakarta.enterprise.inject.Instance;
import org.kfm.projection.service.AuditTrail;

/**
 * Request bodies are capped by {@code quarkus.http.limits.max-body-size} (64 KiB: the largest valid
 * body is a few hundred bytes). Quarkus answers a declared {@code Content-Length} over the limit
 * with a bare 413 before any resource runs; this handler runs just before that one and answers it
 * as problem details instead, and audits it (the principal from the bearer token if it verifies,
 * else {@code anonymous}). A chunked body (no declared length) to an audited POST is refused with
 * 411 {@code length-required} the same way: the framework would cut it at the limit only while
 * reading it, with a bare 413. A 413 that still reaches {@link ProblemMappers#web} (a body without
 * a length over HTTP/2) is audited through {@link #audit} too.
 */
@Singleton
public class BodyLimit {
    static final String DETAIL = "the request body is larger than the service accepts "
            + "(quarkus.http.limits.max-body-size); valid bodies are a few hundred bytes";

    static final String LENGTH_DETAIL = "a body must be sent with Content-Length, not chunked: the API's bodies "
            + "are a few hundred bytes, and the length is checked before the body is read";

    /** The audited POSTs, by path, so a request refused before routing still names its action. */
    private static final Map<Pattern, String> ACTIONS = Map.of(
            Pattern.compile("/api/v1/rebuilds/?"), "rebuild.start",
            Pattern.compile("/api/v1/rebuilds/[^/]+/cancel/?"), "rebuild.cancel",
            Pattern.compile("/api/v1/projection/rollback/?"), "projection.rollback",
            Pattern.compile("/api/v1/projection/validate/?"), "projection.validate");

    private final long limit;
    // resolved on the first refusal, not when the router is built: a CLI command builds the router
    // too (with HTTP off), and must not need a database for it
    private final Instance<AuditTrail> audit;
    private final JWTParser tokens;
    private final ObjectMapper json;

    @Inject
    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, Instance<AuditTrail> audit,
            JWTParser tokens, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.audit = audit;
        this.tokens = tokens;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        long declared = declaredLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        String path = ctx.request().path();
        String method = ctx.request().method().name();
        boolean chunked = declared < 0 && "chunked".equalsIgnoreCase(String.valueOf(ctx.request()
                .getHeader(HttpHeaders.TRANSFER_ENCODING)).strip()) && action(method, path).isPresent();
        if (declared <= limit && !chunked) {
            ctx.next();
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        ctx.vertx().executeBlocking(() -> {
            audit(method, path, authorization, declared, chunked ? "refused:length-required"
                    : "refused:body-too-large");
            return null;
        }).onComplete(done -> answer(ctx, path, chunked ? ProblemType.LENGTH_REQUIRED : ProblemType.BODY_TOO_LARGE));
    }

    /**
     * Audits a body refused for its size, when the path is an audited action.
     *
     * @param declared the declared length, or -1 for a chunked body cut while read
     */
    void audit(String method, String path, String authorization, long declared) {
        audit(method, path, authorization, declared, "refused:body-too-large");
    }

    private void audit(String method, String path, String authorization, long declared, String outcome) {
        action(method, path).ifPresent(action -> audit.get().record(principal(authorization), action,
                argumentsOf(path, declared), outcome, null));
    }

    private void answer(RoutingContext ctx, String path, ProblemType type) {
        String detail = type == ProblemType.LENGTH_REQUIRED ? LENGTH_DETAIL : DETAIL + " (limit " + limit + " bytes)";
        byte[] body;
        try {
            body = json.writeValueAsBytes(Problem.of(type, type.status(), detail, Shown.value(path), type.slug(), null,
                    null));
        } catch (JsonProcessingException e) {
            body = new byte[0];
        }
        // The body is never read: close the connection rather than drain what the client still sends.
        ctx.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private ObjectNode argumentsOf(String path, long declared) {
        ObjectNode args = json.createObjectNode().put("path", path).put("limit", limit);
        return declared < 0 ? args.put("chunked", true) : args.put("contentLength", declared);
    }

    static Optional<String> action(String method, String path) {
        if (!"POST".equals(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return ACTIONS.entrySet().stream().filter(e -> e.getKey().matcher(path).matches()).map(Map.Entry::getValue)
                .findFirst();
    }

    private String principal(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "anonymous";
        }
        try {
            return Caller.name(tokens.parse(authorization.substring(7).strip()));
        } catch (ParseException e) {
            return "anonymous";
        }
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
