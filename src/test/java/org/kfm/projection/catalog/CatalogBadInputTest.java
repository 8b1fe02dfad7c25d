package org.kfm.projection.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.UsageException;

/** Every rule the catalog reader enforces, with the rule id, the document and the JSON pointer. */
class CatalogBadInputTest {
    private static final JsonNode REMOVE = null;

    @TempDir
    Path dir;

    private final ArtifactStores stores = ArtifactStores.create(StoreSettings.defaults());
    private final CatalogReader reader = new CatalogReader(stores);
    private final TinyCatalog catalog = new TinyCatalog();

    @AfterEach
    void close() {
        stores.close();
    }

    private BadInputException readBad(String rule, String document, String position) {
        catalog.writeTo(dir);
        return readWrittenBad(rule, document, position);
    }

    private BadInputException readWrittenBad(String rule, String document, String position) {
        URI doc = TinyCatalog.uri(dir, document);
        BadInputException e = assertThrows(BadInputException.class,
                () -> reader.read(TinyCatalog.uri(dir, "catalog.json")));
        assertEquals(rule, e.rule(), e.getMessage());
        assertEquals(doc.toString(), e.artifact(), e.getMessage());
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().startsWith(doc + " at " + position + ": " + rule + ": "), e.getMessage());
        return e;
    }

    @Test
    void theValidTinyCatalogReads() {
        catalog.writeTo(dir);
        assertEquals(2, reader.read(TinyCatalog.uri(dir, "catalog.json")).items().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/type", "/id", "/collection", "/bbox", "/properties", "/properties/kfm:dataset_id",
        "/properties/kfm:dataset_version_id", "/properties/kfm:feature_count", "/properties/kfm:promoted_at",
        "/assets", "/assets/data/href", "/assets/data/type", "/assets/data/file:checksum", "/assets/data/file:size"})
    void aMissingRequiredItemFieldIsMissingField(String pointer) {
        TinyCatalog.set(catalog.itemA, pointer, REMOVE);
        BadInputException e = readBad("missing-field", TinyCatalog.ITEM_A, pointer);
        assertTrue(e.getMessage().contains("is missing"), e.getMessage());
    }

    @Test
    void aNullRequiredFieldIsMissingField() {
        TinyCatalog.set(catalog.itemA, "/properties/kfm:feature_count", TinyCatalog.json("null"));
        readBad("missing-field", TinyCatalog.ITEM_A, "/properties/kfm:feature_count");
    }

    static Stream<Arguments> invalidItemFields() {
        return Stream.of(
                Arguments.of("/properties/kfm:feature_count", "-1", "/properties/kfm:feature_count"),
                Arguments.of("/properties/kfm:feature_count", "2.5", "/properties/kfm:feature_count"),
                Arguments.of("/properties/kfm:feature_count", "\"3\"", "/properties/kfm:feature_count"),
                Arguments.of("/properties/kfm:feature_count", "100000000000000000000", "/properties/kfm:feature_count"),
                Arguments.of("/properties/kfm:promoted_at", "\"2024-01-02\"", "/properties/kfm:promoted_at"),
                Arguments.of("/properties/kfm:promoted_at", "\"2024-01-02T00:00:00\"", "/properties/kfm:promoted_at"),
                Arguments.of("/properties/kfm:promoted_at", "\"2024-02-30T00:00:00Z\"", "/properties/kfm:promoted_at"),
                Arguments.of("/properties/kfm:promoted_at", "1704153600", "/properties/kfm:promoted_at"),
                Arguments.of("/properties/datetime", "\"last tuesday\"", "/properties/datetime"),
                Arguments.of("/properties/proj:epsg", "\"26914\"", "/properties/proj:epsg"),
                Arguments.of("/properties/proj:epsg", "0", "/properties/proj:epsg"),
                Arguments.of("/properties/proj:epsg", "null", "/properties/proj:epsg"),
                Arguments.of("/properties/proj:code", "\"ESRI:102100\"", "/properties/proj:code"),
                Arguments.of("/properties/proj:code", "\"EPSG:abc\"", "/properties/proj:code"),
                Arguments.of("/properties/proj:code", "\"26914\"", "/properties/proj:code"),
                Arguments.of("/properties/proj:code", "26914", "/properties/proj:code"),
                Arguments.of("/properties/kfm:feature_id_property", "7", "/properties/kfm:feature_id_property"),
                Arguments.of("/bbox", "[1, 2, 3]", "/bbox"),
                Arguments.of("/bbox", "[-200, 0, 10, 5]", "/bbox/0"),
                Arguments.of("/bbox", "[0, \"x\", 10, 5]", "/bbox/1"),
                Arguments.of("/bbox", "[0, 10, 5, 5]", "/bbox"),
                Arguments.of("/bbox", "\"-10,-5,10,5\"", "/bbox"),
                Arguments.of("/id", "42", "/id"),
                Arguments.of("/id", "\"  \"", "/id"),
                Arguments.of("/type", "\"Collection\"", "/type"),
                Arguments.of("/properties", "[]", "/properties"),
                Arguments.of("/assets/data", "\"x\"", "/assets/data"),
                Arguments.of("/assets/data/roles", "\"data\"", "/assets/data/roles"),
                Arguments.of("/assets/data/file:size", "-1", "/assets/data/file:size"),
                Arguments.of("/assets/data/file:checksum", "\"ab12\"", "/assets/data/file:checksum"),
                Arguments.of("/assets/data/href", "\"https://example.invalid/a.geojson\"", "/assets/data/href"),
                Arguments.of("/assets/data/href", "\"a b.geojson\"", "/assets/data/href"),
                Arguments.of("/assets/data/href", "\"" + "../".repeat(40) + "a.geojson\"", "/assets/data/href"));
    }

    @ParameterizedTest
    @MethodSource("invalidItemFields")
    void aWronglyTypedOrOutOfRangeItemFieldIsInvalidField(String pointer, String json, String reportedAt) {
        TinyCatalog.set(catalog.itemA, pointer, TinyCatalog.json(json));
        readBad("invalid-field", TinyCatalog.ITEM_A, reportedAt);
    }

    @Test
    void projEpsgAndProjCodeMustAgree() {
        TinyCatalog.set(catalog.itemA, "/properties/proj:epsg", TinyCatalog.json("26914"));
        TinyCatalog.set(catalog.itemA, "/properties/proj:code", TinyCatalog.json("\"EPSG:3857\""));
        BadInputException e = readBad("invalid-field", TinyCatalog.ITEM_A, "/properties/proj:code");
        assertTrue(e.getMessage().contains("disagrees with proj:epsg 26914"), e.getMessage());
    }

    @Test
    void anUnknownMediaTypeIsNamed() {
        TinyCatalog.set(catalog.itemA, "/assets/data/type", TinyCatalog.json("\"application/json\""));
        BadInputException e = readBad("unknown-media-type", TinyCatalog.ITEM_A, "/assets/data/type");
        assertTrue(e.getMessage().contains("'application/json'"), e.getMessage());
        assertTrue(e.getMessage().contains("application/vnd.flatgeobuf"), e.getMessage());
    }

    @Test
    void aNonSha256MultihashIsUnsupported() {
        TinyCatalog.set(catalog.itemB, "/assets/data/file:checksum",
                TinyCatalog.json("\"1114da39a3ee5e6b4b0d3255bfef95601890afd80709\""));
        readBad("unsupported-checksum", TinyCatalog.ITEM_B, "/assets/data/file:checksum");
    }

    @Test
    void anItemWithoutADataAssetIsRejected() {
        TinyCatalog.set(catalog.itemA, "/assets/data/roles", TinyCatalog.json("[\"metadata\"]"));
        BadInputException e = readBad("no-data-asset", TinyCatalog.ITEM_A, "/assets");
        assertTrue(e.getMessage().contains("asset keys: data"), e.getMessage());
    }

    @Test
    void aDatasetVersionMayBeDeclaredOnlyOnce() {
        TinyCatalog.set(catalog.itemB, "/properties/kfm:dataset_version_id", TinyCatalog.json("\"ds@a\""));
        BadInputException e = readBad("duplicate-dataset-version", TinyCatalog.ITEM_B,
                "/properties/kfm:dataset_version_id");
        assertTrue(e.getMessage().contains("item 'a' (" + TinyCatalog.uri(dir, TinyCatalog.ITEM_A) + ")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("item 'b' (" + TinyCatalog.uri(dir, TinyCatalog.ITEM_B) + ")"),
                e.getMessage());
    }

    @Test
    void aChildLinkBackToTheRootIsACycle() {
        catalog.collection.withArray("links").addObject().put("rel", "child").put("href", "../catalog.json");
        BadInputException e = readBad("link-cycle", TinyCatalog.COLLECTION, "/links/3/href");
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    }

    @Test
    void aDocumentLinkedTwiceIsRejectedAsWell() {
        catalog.collection.withArray("links").addObject().put("rel", "item").put("href", "./items/../items/a.json");
        BadInputException e = readBad("link-cycle", TinyCatalog.COLLECTION, "/links/3/href");
        assertTrue(e.getMessage().contains("first from " + TinyCatalog.uri(dir, TinyCatalog.COLLECTION)
                + " at /links/1/href"), e.getMessage());
    }

    @Test
    void aLinkToAMissingDocumentIsDanglingAndNamesTheReferrerAndTheHref() {
        catalog.collection.withArray("links").addObject().put("rel", "item").put("href", "items/gone.json");
        BadInputException e = readBad("dangling-link", TinyCatalog.COLLECTION, "/links/3/href");
        assertTrue(e.getMessage().contains("href 'items/gone.json' resolves to "
                + TinyCatalog.uri(dir, "col/items/gone.json")), e.getMessage());
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        catalog.writeTo(dir);
        TinyCatalog.write(dir.resolve(TinyCatalog.ITEM_A), "{\"type\": \"Feature\",\n  \"id\": }\n");
        BadInputException e = readWrittenBad("malformed-json", TinyCatalog.ITEM_A, "line 2, column 9");
        assertTrue(e.getMessage().contains("Unexpected character"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "{\"id\": \"a\", \"id\": \"b\"}", "{} {}", "{\"type\": \"Catalog\""})
    void emptyDuplicateKeyTrailingAndTruncatedDocumentsAreMalformed(String content) {
        catalog.writeTo(dir);
        TinyCatalog.write(dir.resolve(TinyCatalog.COLLECTION), content);
        BadInputException e = assertThrows(BadInputException.class,
                () -> reader.read(TinyCatalog.uri(dir, "catalog.json")));
        assertEquals("malformed-json", e.rule(), e.getMessage());
        assertEquals(TinyCatalog.uri(dir, TinyCatalog.COLLECTION).toString(), e.artifact());
        assertTrue(e.position().matches("line \\d+, column \\d+"), e.getMessage());
        assertFalse(e.getMessage().contains("[Source"), "no Jackson boilerplate: " + e.getMessage());
    }

    @Test
    void anOversizedDocumentIsRejectedBeforeItIsParsedWhole() {
        catalog.writeTo(dir);
        TinyCatalog.write(dir.resolve(TinyCatalog.ITEM_B), "[" + "0,".repeat(4096) + "0]");
        CatalogReader small = new CatalogReader(stores, 4096);
        BadInputException e = assertThrows(BadInputException.class,
                () -> small.read(TinyCatalog.uri(dir, "catalog.json")));
        assertEquals("document-too-large", e.rule(), e.getMessage());
        assertEquals(TinyCatalog.uri(dir, TinyCatalog.ITEM_B).toString(), e.artifact());
    }

    @Test
    void aDocumentThatIsNotAnObjectIsInvalid() {
        catalog.writeTo(dir);
        TinyCatalog.write(dir.resolve("catalog.json"), "[]");
        readWrittenBad("invalid-field", "catalog.json", "/");
    }

    @Test
    void aCollectionWithoutLinksIsMissingField() {
        TinyCatalog.set(catalog.collection, "/links", REMOVE);
        readBad("missing-field", TinyCatalog.COLLECTION, "/links");
    }

    @Test
    void aLinkWithoutHrefIsMissingField() {
        TinyCatalog.set(catalog.collection, "/links/1/href", REMOVE);
        readBad("missing-field", TinyCatalog.COLLECTION, "/links/1/href");
    }

    @Test
    void aChildLinkToAnItemIsInvalid() {
        TinyCatalog.set(catalog.root, "/links/1/href", TinyCatalog.json("\"col/items/a.json\""));
        readBad("invalid-field", TinyCatalog.ITEM_A, "/type");
    }

    @Test
    void aLinkWithAnUnsupportedSchemeIsInvalid() {
        TinyCatalog.set(catalog.collection, "/links/2/href", TinyCatalog.json("\"https://example.invalid/b.json\""));
        readBad("invalid-field", TinyCatalog.COLLECTION, "/links/2/href");
    }

    @Test
    void aMissingRootIsAMissingArtifact() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> reader.read(TinyCatalog.uri(dir, "nothing-here.json")));
        assertEquals("missing-artifact", e.rule());
    }

    @Test
    void aRootWithAnUnknownSchemeIsAUsageError() {
        UsageException e = assertThrows(UsageException.class,
                () -> reader.read(URI.create("https://example.invalid/catalog.json")));
        assertEquals("unknown-store-scheme", e.rule());
    }
}
