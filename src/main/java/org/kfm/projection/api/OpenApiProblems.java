package org.kfm.projection.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Declares, on every {@code /api/v1} operation, the error answers every operation can give, so the
 * served OpenAPI document lists each status the API really answers (a test checks it): 401 and 403
 * everywhere, 400 where a parameter or body is read, 411 and 413 for every POST (the body cap), 415 where a
 * body is read, 500 everywhere, 503 where a rebuild is started; all as problem details. The
 * resources declare their own successes and sharper errors (404, 409, 422).
 */
public class OpenApiProblems implements OASFilter {
    private static final Map<String, String> COMMON = Map.of("401", "no bearer token, or it was rejected",
            "403", "the token's roles may not do this", "500", "unexpected error");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.getOperations().forEach((method, op) -> declare(path, method, op));
            }
        });
    }

    private static void declare(String path, PathItem.HttpMethod method, Operation op) {
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        COMMON.forEach((status, description) -> add(responses, status, description));
        boolean body = op.getRequestBody() != null;
        if (body || (op.getParameters() != null && !op.getParameters().isEmpty())) {
            add(responses, "400", "a parameter or body member is invalid, or the body is not valid JSON");
        }
        if (method == PathItem.HttpMethod.POST) {
            add(responses, "411", "the body was sent chunked, without Content-Length");
            add(responses, "413", "the body is larger than the service accepts");
        }
        if (body) {
            add(responses, "415", "the body is not application/json");
        }
        if (method == PathItem.HttpMethod.POST && path.equals("/api/v1/rebuilds")) {
            add(responses, "503", "the service is shutting down");
        }
    }

    /** Adds the answer, or gives one the generator made up (401/403 for roles, 400 for parameters) its body. */
    private static void add(APIResponses responses, String status, String description) {
        APIResponse r = responses.getAPIResponse(status);
        if (r == null) {
            r = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(status, r);
        }
        if (r.getContent() == null || r.getContent().getMediaType(Problem.MEDIA_TYPE) == null) {
            r.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().ref("Problem"))));
        }
    }
}
