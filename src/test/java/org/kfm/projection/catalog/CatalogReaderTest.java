package org.kfm.projection.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kfm.projection.artifact.ArtifactDigest;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.artifact.VerifyingInputStream;
import org.kfm.projection.feature.FeatureFormat;

class CatalogReaderTest {
    private final ArtifactStores stores = ArtifactStores.create(StoreSettings.defaults());
    private final CatalogReader reader = new CatalogReader(stores);
    private final Path dir = NestedCatalogs.nested();

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void readsEveryItemOfANestedCatalogSortedByDatasetVersion() {
        Catalog catalog = reader.read(dir.resolve("catalog.json").toUri());
        assertEquals(List.of("lakes@3", "roads@2024-01", "roads@2024-06"),
                catalog.items().stream().map(CatalogItem::datasetVersionId).toList());
        assertEquals(dir.resolve("catalog.json").toUri(), catalog.root());
        assertTrue(catalog.digest().matches("sha256:[0-9a-f]{64}"), catalog.digest());
    }

    @Test
    void readsTheContractFieldsOfAnItemWithProjEpsg() {
        CatalogItem item = reader.read(dir.resolve("catalog.json").toUri()).item("roads@2024-01").orElseThrow();
        assertEquals("roads-2024-01", item.id());
        assertEquals("roads", item.collectionId());
        assertEquals(dir.resolve("roads/items/roads-v1.json").toUri(), item.href());
        assertEquals("roads", item.datasetId());
        assertEquals(1250, item.declaredFeatureCount());
        assertEquals(Instant.parse("2024-01-20T07:30:00.123Z"), item.promotedAt());
        assertEquals(Instant.parse("2024-01-15T00:00:00Z"), item.datetime());
        assertEquals(new Bbox(-97.5, 49.0, -96.5, 50.0), item.bbox());
        assertEquals(26914, item.sourceEpsg());
        assertEquals(Optional.empty(), item.featureIdProperty());
        assertEquals(List.of(new DataAsset("data", dir.resolve("data/roads-v1.geojson").toUri(),
                FeatureFormat.GEOJSON, "122081c01e39d17b6a3f1bd11a6b4e9681ede2f97625be7602972206e0e61aae1740", 13)),
                item.assets(), "thumbnail and role-less assets are not data");
    }

    @Test
    void readsProjCodeA3dBboxANullDatetimeAndTheFeatureIdProperty() {
        CatalogItem item = reader.read(dir.resolve("catalog.json").toUri()).item("roads@2024-06").orElseThrow();
        assertEquals(3857, item.sourceEpsg());
        assertEquals(new Bbox(-97.5, 49.0, -96.4, 50.1), item.bbox());
        assertNull(item.datetime());
        assertEquals(0, item.declaredFeatureCount());
        assertEquals(Optional.of("road_id"), item.featureIdProperty());
        assertEquals(FeatureFormat.GEOJSON_SEQ, item.assets().get(0).format());
    }

    @Test
    void defaultsToWgs84AndResolvesHrefsThatClimbOutOfTheCollection() {
        CatalogItem item = reader.read(dir.resolve("catalog.json").toUri()).item("lakes@3").orElseThrow();
        assertEquals(4326, item.sourceEpsg(), "no proj:epsg or proj:code: GeoJSON's CRS");
        assertEquals(dir.resolve("items/lakes-v3.json").toUri(), item.href());
        assertEquals(List.of("part1", "part2"), item.assets().stream().map(DataAsset::key).toList());
        assertEquals(dir.resolve("data/lakes-v3-part2.fgb").toUri(), item.assets().get(1).href());
        assertEquals("12202d8384bfb0e2f06be8d28ee4d98c6ac166955f96719258d251d768e992d851c2",
                item.assets().get(1).checksum(), "checksums are normalised to lower case");
        assertTrue(item.bbox().crossesAntimeridian());
        assertEquals(Instant.parse("2023-09-01T00:00:00Z"), item.datetime(), "RFC 3339 allows lower-case t and z");
    }

    @Test
    void everyDataAssetOfTheFixtureVerifiesAgainstItsDeclaration() throws Exception {
        for (CatalogItem item : reader.read(dir.resolve("catalog.json").toUri()).items()) {
            for (DataAsset asset : item.assets()) {
                try (VerifyingInputStream in = stores.openVerified(asset.href(), asset.checksum(), asset.size())) {
                    ArtifactDigest digest = in.drainAndVerify();
                    assertEquals(asset.size(), digest.size());
                }
            }
        }
    }

    @Test
    void acceptsAPlainPathAsRoot() {
        Catalog viaUri = reader.read(dir.resolve("catalog.json").toUri());
        Catalog viaPath = reader.read(URI.create(dir.resolve("catalog.json").toString()));
        assertEquals(viaUri, viaPath);
    }

    @Test
    void theRootMayBeACollection() {
        Catalog catalog = reader.read(dir.resolve("roads/collection.json").toUri());
        assertEquals(2, catalog.items().size());
        assertFalse(catalog.item("lakes@3").isPresent());
    }
}
