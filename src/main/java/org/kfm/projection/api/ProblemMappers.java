package org.kfm.projection.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.Shown;
import org.kfm.projection.service.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of the API as RFC 9457 problem details ({@code application/problem+json}), typed by
 * {@link ProblemType} only. Details are the project's own sentences: never a Java class name or a
 * parser's message.
 */
public class ProblemMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

    private final SecurityIdentity identity;
    private final AuditTrail audit;
    private final BodyLimit bodyLimit;

    @Inject
    public ProblemMappers(SecurityIdentity identity, AuditTrail audit, BodyLimit bodyLimit) {
        this.identity = identity;
        this.audit = audit;
        this.bodyLimit = bodyLimit;
    }

    @ServerExceptionMapper
    public Response kfm(KfmException e, UriInfo uri) {
        ProblemType type = ProblemType.of(e);
        String field = e instanceof InvalidFieldException f ? f.field() : null;
        UUID runId = e instanceof RunScopedException r ? r.runId() : null;
        if (type.status() >= 500) {
            LOG.error("{} {}: {} (rule {})", type.status(), uri.getPath(), Shown.escape(e.getMessage()), e.rule(), e);
        }
        return Problem.of(type, type.status(), Details.clean(e.getMessage()), uri.getPath(), e.rule(), field, runId)
                .response();
    }

    /** A body the framework read (none today: {@link Bodies} reads them): said without the parser's words. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return Problem.of(ProblemType.MALFORMED_JSON, 400, "malformed JSON body", uri.getPath(), "malformed-json",
                null, null).response();
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

    /** The framework's own answers: unknown path (404), wrong method (405), body over the limit (413)... */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request, HttpHeaders headers) {
        if (e.getCause() instanceof JsonProcessingException j) {
            return json(j, uri);
        }
        int status = e.getResponse().getStatus();
        if (status == 413) {
            bodyLimit.audit(request.getMethod(), uri.getPath(), headers.getHeaderString(HttpHeaders.AUTHORIZATION), -1);
        }
        ProblemType type = ProblemType.ofStatus(status);
        return Problem.of(type, status, frameworkDetail(status), uri.getPath(), type.slug(), null, null).response();
    }

    private static String frameworkDetail(int status) {
        return switch (status) {
            case 404 -> "no such resource; the API is under /api/v1 (see /q/openapi)";
            case 405 -> "this resource does not answer that method (see /q/openapi)";
            case 406 -> "the API answers application/json and application/problem+json only";
            case 413 -> BodyLimit.DETAIL;
            case 415 -> "the body must be application/json; send an empty body for all defaults";
            default -> status >= 500 ? "unexpected error; the service log has the details" : "request refused";
        };
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri, "a bearer token is required (Authorization: Bearer <JWT>)");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri, "the bearer token was rejected (signature, issuer, expiry or issue time)");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, SimpleResourceInfo resource) {
        String principal = identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        Audited action = resource == null || resource.getMethodName() == null ? null : audited(resource);
        if (action != null) {
            audit.record(principal, action.value(), JsonNodeFactory.instance.objectNode().put("path", uri.getPath()),
                    "denied", null);
        }
        return Problem.of(ProblemType.FORBIDDEN, 403, "this token's roles may not do this: viewers read (GET), "
                + "operators act (POST)", uri.getPath(), "forbidden", null, null).response();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("500 {}: {}", uri.getPath(), Shown.escape(e.toString()), e);
        return Problem.of(ProblemType.FAILED, 500, "unexpected error; the service log has the details",
                uri.getPath(), "unexpected", null, null).response();
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
        return Response.fromResponse(Problem.of(ProblemType.UNAUTHORIZED, 401, detail, uri.getPath(), "unauthorized",
                null, null).response()).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
