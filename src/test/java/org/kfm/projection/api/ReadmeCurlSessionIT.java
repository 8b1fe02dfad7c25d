package org.kfm.projection.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kfm.projection.testing.TestDatabase;

/**
 * The README's curl session, walked in order against the real service on a fresh database: every
 * call must answer the status the README shows after its arrow. A rewording of the README that
 * changes a call or a status is a change this test sees.
 */
@QuarkusTest
// its own arguments: its own service and a fresh database, whatever other classes did before
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "session", value = "readme"))
class ReadmeCurlSessionIT {
    private static final Pattern STATUS = Pattern.compile("#\\s*→\\s*(\\d{3})");
    private static final Pattern URL = Pattern.compile("'?localhost:\\d+(/[^'\\s]*)'?");
    private static final Pattern BODY = Pattern.compile("-d\\s+'([^']*)'");

    record Call(String line, String method, String path, String body, boolean authorized, int status) {
    }

    @Test
    void everyCallAnswersTheStatusTheReadmeShows() throws IOException {
        List<Call> calls = session();
        assertTrue(calls.size() >= 10, "the README's curl session has too few calls: " + calls);
        String id = null;
        for (Call call : calls) {
            assertFalse(call.path().contains("<id>") && id == null, "no run id yet for: " + call.line());
            String path = id == null ? call.path() : call.path().replace("<id>", id);
            RequestSpecification request = Api.as(call.authorized() ? Tokens.operator() : null);
            if (call.body() != null) {
                request = request.contentType("application/json").body(call.body());
            }
            Response response = call.method().equals("POST") ? request.post(path) : request.get(path);
            assertEquals(call.status(), response.statusCode(), () -> call.line() + "\n" + response.asString());
            if (call.method().equals("POST") && path.equals("/api/v1/rebuilds")) {
                id = response.path("id");
                assertNotNull(id, response.asString());
                assertTrue(response.header("Location").endsWith("/api/v1/rebuilds/" + id));
                Map<String, Object> run = Api.awaitEnd(id, Duration.ofSeconds(120));
                assertEquals("SUCCEEDED", run.get("outcome"), () -> "run: " + run);
            }
        }
    }

    /** The calls of the README's "A session with curl" block, in order. */
    static List<Call> session() throws IOException {
        String readme = Files.readString(TestDatabase.repoRoot().resolve(Path.of("README.md")));
        int heading = readme.indexOf("### A session with curl");
        int start = readme.indexOf("```sh\n", heading) + 6;
        String block = readme.substring(start, readme.indexOf("```", start));
        List<Call> calls = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (!line.startsWith("curl ")) {
                continue;
            }
            Matcher status = STATUS.matcher(line);
            Matcher url = URL.matcher(line);
            assertTrue(status.find() && url.find(), "a curl line without '# → status' or URL: " + line);
            Matcher body = BODY.matcher(line);
            calls.add(new Call(line, line.contains("-X POST") ? "POST" : "GET", url.group(1),
                    body.find() ? body.group(1) : null, line.contains("\"$H\""), Integer.parseInt(status.group(1))));
        }
        return calls;
    }
}
