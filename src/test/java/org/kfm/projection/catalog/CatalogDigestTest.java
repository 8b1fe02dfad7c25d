package org.kfm.projection.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;

class CatalogDigestTest {
    /** sha256 of the canonical text below, computed outside Java (Python hashlib). */
    private static final String FIXTURE_DIGEST =
            "sha256:c663f46d63ffbc1dcf15cd5f4fe838a999ca87e31a27de80a1357d257dcfcb57";
    private static final String FIXTURE_TEXT = """
            kfm-catalog-digest/1
            item 8:lakes-v3 7:lakes@3
            asset 1220dd864ceccdc36513caa4bd1df3a688c80ce8680e0e3658b5f61d812279709a46
            asset 12202d8384bfb0e2f06be8d28ee4d98c6ac166955f96719258d251d768e992d851c2
            item 13:roads-2024-01 13:roads@2024-01
            asset 122081c01e39d17b6a3f1bd11a6b4e9681ede2f97625be7602972206e0e61aae1740
            item 13:roads-2024-06 13:roads@2024-06
            asset 12209d106e3019caa3e4bf5a6a6c7e7b7dcfdc612299986138f17779a8b5040b866a
            """;

    @TempDir
    Path tmp;

    private final ArtifactStores stores = ArtifactStores.create(StoreSettings.defaults());
    private final CatalogReader reader = new CatalogReader(stores);

    @AfterEach
    void close() {
        stores.close();
    }

    private Catalog read(Path dir) {
        return reader.read(dir.resolve("catalog.json").toUri());
    }

    @Test
    void canonicalTextAndDigestArePinnedSoOtherToolsCanReproduceThem() {
        Catalog catalog = read(NestedCatalogs.nested());
        assertEquals(FIXTURE_TEXT, CatalogDigest.canonicalText(catalog.items()));
        assertEquals(FIXTURE_DIGEST, catalog.digest());
    }

    @Test
    void digestIgnoresFormattingKeyOrderAndLinkOrder() {
        Path compact = NestedCatalogs.copy(NestedCatalogs.nested(), tmp.resolve("compact"), UnaryOperator.identity(),
                NestedCatalogs.JSON.writer());
        Path shuffled = NestedCatalogs.copy(NestedCatalogs.nested(), tmp.resolve("shuffled"), CatalogDigestTest::reverseAll,
                NestedCatalogs.JSON.writerWithDefaultPrettyPrinter());
        assertEquals(FIXTURE_DIGEST, read(compact).digest());
        assertEquals(FIXTURE_DIGEST, read(shuffled).digest());
        assertEquals(read(NestedCatalogs.nested()).items().size(), read(shuffled).items().size());
    }

    @Test
    void oneChangedAssetChecksumChangesTheDigest() {
        Path changed = NestedCatalogs.copy(NestedCatalogs.nested(), tmp.resolve("changed"), doc -> {
            if ("lakes-v3".equals(doc.path("id").asText())) {
                ((ObjectNode) doc.path("assets").path("part1")).put("file:checksum",
                        "1220dd864ceccdc36513caa4bd1df3a688c80ce8680e0e3658b5f61d812279709a47");
            }
            return doc;
        }, NestedCatalogs.JSON.writer());
        String digest = read(changed).digest();
        assertNotEquals(FIXTURE_DIGEST, digest);
        assertTrue(digest.startsWith("sha256:"));
    }

    @Test
    void aNewDatasetVersionIdChangesTheDigest() {
        Path changed = NestedCatalogs.copy(NestedCatalogs.nested(), tmp.resolve("version"), doc -> {
            if ("roads-2024-06".equals(doc.path("id").asText())) {
                ((ObjectNode) doc.path("properties")).put("kfm:dataset_version_id", "roads@2024-07");
            }
            return doc;
        }, NestedCatalogs.JSON.writer());
        assertNotEquals(FIXTURE_DIGEST, read(changed).digest());
    }

    @Test
    void sortsByCodePointNotByUtf16Unit() {
        String bmpHigh = "\uFFFF";
        String astral = "\uD83D\uDE00"; // U+1F600, after U+FFFF as a code point, before it as UTF-16 units
        assertTrue(bmpHigh.compareTo(astral) > 0);
        assertTrue(CatalogDigest.compareCodePoints(bmpHigh, astral) < 0);
        assertTrue(CatalogDigest.compareCodePoints("a", "ab") < 0);
        assertEquals(0, CatalogDigest.compareCodePoints("ab", "ab"));
    }

    /** Reverses the member order of every object and the element order of every {@code links} array. */
    private static JsonNode reverseAll(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            Collections.reverse(names);
            ObjectNode reversed = NestedCatalogs.JSON.createObjectNode();
            for (String name : names) {
                JsonNode child = reverseAll(object.get(name));
                if (name.equals("links") && child instanceof ArrayNode links) {
                    ArrayNode flipped = NestedCatalogs.JSON.createArrayNode();
                    for (int i = links.size() - 1; i >= 0; i--) {
                        flipped.add(links.get(i));
                    }
                    child = flipped;
                }
                reversed.set(name, child);
            }
            return reversed;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = NestedCatalogs.JSON.createArrayNode();
            array.forEach(e -> copy.add(reverseAll(e)));
            return copy;
        }
        return node;
    }
}
