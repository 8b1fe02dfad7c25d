package org.kfm.projection.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 4: a catalog under the allowed prefixes cannot make the service read elsewhere,
 * through a symbolic link, a child link or an asset href; refusals never quote what lies outside
 * nor tell whether it exists, and a document that does not parse is quoted only briefly.
 */
@QuarkusTest
@WithTestResource(value = ServiceTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CatalogLinksStayInsideIT {
    private static final String SECRET = "root:x:0:0:root:/root:/bin/bash";

    private static Path allowed() {
        return Path.of(ConfigProvider.getConfig().getValue("kfm.api.allowed-catalog-prefixes", String.class));
    }

    private static Path outside(String name) throws IOException {
        Path dir = Files.createTempDirectory("kfm-outside");
        Path file = dir.resolve(name);
        Files.writeString(file, SECRET + "\n");
        return file;
    }

    private static Path catalogLinkingTo(String dir, String href) throws IOException {
        Path root = Files.createDirectories(allowed().resolve(dir)).resolve("catalog.json");
        Files.writeString(root, "{\"type\": \"Catalog\", \"stac_version\": \"1.0.0\", \"id\": \"x\", "
                + "\"description\": \"x\", \"links\": [{\"rel\": \"child\", \"href\": \"" + href + "\"}]}");
        return root;
    }

    private static ValidatableResponse validate(Path catalog) {
        return Api.as(Tokens.operator()).contentType(ContentType.JSON).body("{\"catalog\": \"" + catalog + "\"}")
                .post("/api/v1/projection/validate").then();
    }

    @Test
    void aSymlinkInsideAnAllowedDirectoryToAFileOutsideIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(allowed().resolve("passwd.json"), outside("passwd"));
        for (String path : new String[] {"/api/v1/rebuilds", "/api/v1/projection/validate"}) {
            Api.as(Tokens.operator()).contentType(ContentType.JSON).body("{\"catalog\": \"" + link + "\"}")
                    .post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://kfm.example/problems/catalog-not-allowed"))
                    .body("rule", equalTo("catalog-not-allowed")).body("field", equalTo("catalog"))
                    .body("detail", not(containsString("root:x")));
        }
    }

    @Test
    void aChildLinkOutsideIsRefusedAlikeWhetherOrNotItsTargetExists() throws IOException {
        Path exists = outside("exists.json");
        Path root = catalogLinkingTo("links-out", exists.toUri().toString());
        String a = validate(root).statusCode(400).contentType("application/problem+json")
                .body("rule", equalTo("catalog-not-allowed")).body("detail", not(containsString("root:x")))
                .extract().path("detail");
        Path absent = exists.resolveSibling("absent.json");
        Path root2 = catalogLinkingTo("links-out-2", absent.toUri().toString());
        String b = validate(root2).statusCode(400).body("rule", equalTo("catalog-not-allowed")).extract()
                .path("detail");
        assertEquals(a.replace("links-out", "L").replace("exists", "X"),
                b.replace("links-out-2", "L").replace("absent", "X"));
        // a relative link climbing out through a symlinked directory is judged by where it really goes
        Files.createSymbolicLink(allowed().resolve("elsewhere"), exists.getParent());
        validate(catalogLinkingTo("links-out-3", "../elsewhere/exists.json")).statusCode(400)
                .body("rule", equalTo("catalog-not-allowed")).body("detail", not(containsString("root:x")));
    }

    @Test
    void aRebuildOfSuchACatalogFailsWithTheRuleAndReadsNothingOutside() throws IOException {
        Path root = catalogLinkingTo("links-out-run", outside("run.json").toUri().toString());
        String id = Api.start("{\"catalog\": \"" + root + "\", \"dryRun\": true}").extract().path("id");
        Map<String, Object> run = Api.awaitEnd(id, Duration.ofSeconds(60));
        assertEquals("FAILED", run.get("outcome"));
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) run.get("error");
        assertEquals("catalog-not-allowed", error.get("rule"));
        assertFalse(String.valueOf(error.get("message")).contains("root:x"), String.valueOf(error));
    }

    @Test
    void anAssetHrefOutsideIsRefused() throws IOException {
        Path dir = Files.createDirectories(allowed().resolve("asset-out"));
        Path sample = allowed().resolve("catalog/kansas/kansas-landmarks/kansas-landmarks.json");
        String item = Files.readString(sample).replace("\"./landmarks.geojson\"", "\"" + outside("landmarks.geojson")
                .toUri() + "\"");
        Files.writeString(dir.resolve("item.json"), item);
        Files.writeString(dir.resolve("catalog.json"), "{\"type\": \"Catalog\", \"stac_version\": \"1.0.0\", "
                + "\"id\": \"x\", \"description\": \"x\", \"links\": [{\"rel\": \"item\", \"href\": \"item.json\"}]}");
        validate(dir.resolve("catalog.json")).statusCode(400).body("rule", equalTo("catalog-not-allowed"))
                .body("detail", containsString("asset href"));
    }

    @Test
    void aDocumentThatDoesNotParseIsQuotedOnlyBriefly() throws IOException {
        Path dir = Files.createDirectories(allowed().resolve("garbage"));
        Files.writeString(dir.resolve("catalog.json"), "secret" + "s".repeat(5000) + "\n" + SECRET);
        validate(dir.resolve("catalog.json")).statusCode(422).contentType("application/problem+json")
                .body("rule", equalTo("malformed-json")).body("detail.length()", lessThan(500))
                .body("type", equalTo("https://kfm.example/problems/bad-input"))
                .body("detail", not(containsString("root:x")));
    }
}
