package org.kfm.projection.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.service.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error of the API as RFC 9457 problem details ({@code application/problem+json}). */
public class ProblemMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    /** Rules whose HTTP meaning is sharper than their error code's. */
    private static final Map<String, Integer> RULE_STATUS = Map.of("run-not-found", 404, "run-not-running", 409,
            "no-previous-generation", 409, "parity-schema-missing", 409, "shutting-down", 503);

    private static final Map<ErrorCode, String> TITLES = Map.of(ErrorCode.FAILED, "Operation failed",
            ErrorCode.BAD_USAGE, "Bad request", ErrorCode.LOCK_HELD, "Rebuild lock held",
            ErrorCode.PARITY_FAILED, "Parity failed", ErrorCode.BAD_INPUT, "Bad input artifact");

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper json;

    @ServerExceptionMapper
    public Response kfm(KfmException e, UriInfo uri) {
        Integer override = RULE_STATUS.get(e.rule());
        int status = override != null ? override : e.code().httpStatus();
        String slug = override != null ? e.rule() : e.code().slug();
        String title = override != null ? title(e.rule()) : TITLES.get(e.code());
        String field = e instanceof InvalidFieldException f ? f.field() : null;
        UUID runId = e instanceof RunScopedException r ? r.runId() : null;
        if (status >= 500) {
            LOG.error("{} {}: {} (rule {})", status, uri.getPath(), e.getMessage(), e.rule(), e);
        }
        return problem(new Problem(Problem.type(slug), title, status, e.getMessage(), uri.getPath(), e.rule(), field,
                runId));
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String field = null;
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String detail = (field == null ? "malformed JSON body" + where : "field '" + field + "': invalid value" + where)
                + ": " + e.getOriginalMessage();
        String rule = field == null ? "malformed-json" : "invalid-field";
        return problem(new Problem(Problem.type(rule), "Bad request", 400, detail, uri.getPath(), rule, field, null));
    }

    /** More specific than JsonProcessingException, so it must be named to win over the framework's own mapper. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return json(j, uri);
        }
        int status = e.getResponse().getStatus();
        String reason = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String slug = reason.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        return problem(new Problem(Problem.type(slug), reason, status, e.getMessage(), uri.getPath(), slug, null,
                null));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri, "a bearer token is required (Authorization: Bearer <JWT>)");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri, "the bearer token was rejected (signature, issuer or expiry)");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, SimpleResourceInfo resource) {
        String principal = identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        Audited action = resource == null || resource.getMethodName() == null ? null : audited(resource);
        if (action != null) {
            audit.record(principal, action.value(), json.createObjectNode().put("path", uri.getPath()), "denied",
                    null);
        }
        return problem(new Problem(Problem.type("forbidden"), "Forbidden", 403, "role " + identity.getRoles()
                + " may not do this: viewers read (GET), operators act (POST)", uri.getPath(), "forbidden", null,
                null));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("500 {}: {}", uri.getPath(), e.toString(), e);
        return problem(new Problem(Problem.type("failed"), "Operation failed", 500, "unexpected error: " + e,
                uri.getPath(), "unexpected", null, null));
    }

    private static Audited audited(SimpleResourceInfo resource) {
        for (var m : resource.getResourceClass().getMethods()) {
            if (m.getName().equals(resource.getMethodName()) && m.isAnnotationPresent(Audited.class)) {
                return m.getAnnotation(Audited.class);
            }
        }
        return null;
    }

    private static Response unauthenticated(UriInfo uri, String detail) {
        return Response.fromResponse(problem(new Problem(Problem.type("unauthorized"), "Unauthorized", 401, detail,
                uri.getPath(), "unauthorized", null, null))).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    private static String title(String rule) {
        String t = rule.replace('-', ' ');
        return Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }
}
