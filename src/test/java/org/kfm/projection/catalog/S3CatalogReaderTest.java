package org.kfm.projection.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.S3TestServer;
import org.kfm.projection.artifact.VerifyingInputStream;
import org.kfm.projection.error.BadInputException;

/** The nested fixture served from a real S3-compatible server (s3proxy on loopback). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3CatalogReaderTest {
    private static final String BUCKET = "kfm-catalog";

    private S3TestServer server;
    private ArtifactStores stores;
    private CatalogReader reader;

    @BeforeAll
    void uploadFixture() throws Exception {
        server = S3TestServer.start();
        server.createBucket(BUCKET);
        for (String file : NestedCatalogs.nestedFiles()) {
            server.put(BUCKET, "prefix/" + file, Files.readAllBytes(NestedCatalogs.nested().resolve(file)));
        }
        server.put(BUCKET, "broken/catalog.json", """
                {"type": "Catalog", "id": "broken", "description": "d",
                 "links": [{"rel": "child", "href": "../prefix/roads/collection.json"},
                           {"rel": "child", "href": "gone/collection.json"}]}
                """.getBytes(StandardCharsets.UTF_8));
        stores = ArtifactStores.create(server.settings());
        reader = new CatalogReader(stores);
    }

    @AfterAll
    void stop() throws Exception {
        if (stores != null) {
            stores.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsACatalogRootedInABucketWithRelativeHrefs() {
        Catalog catalog = reader.read(URI.create("s3://" + BUCKET + "/prefix/catalog.json"));
        assertEquals(List.of("lakes@3", "roads@2024-01", "roads@2024-06"),
                catalog.items().stream().map(CatalogItem::datasetVersionId).toList());
        CatalogItem lakes = catalog.item("lakes@3").orElseThrow();
        assertEquals(URI.create("s3://" + BUCKET + "/prefix/items/lakes-v3.json"), lakes.href());
        assertEquals(URI.create("s3://" + BUCKET + "/prefix/data/lakes-v3-part1.fgb"), lakes.assets().get(0).href());
        assertEquals(URI.create("s3://" + BUCKET + "/prefix/data/roads-v1.geojson"),
                catalog.item("roads@2024-01").orElseThrow().assets().get(0).href());
    }

    @Test
    void theDigestDoesNotDependOnWhereTheCatalogIsStored() {
        Catalog fromS3 = reader.read(URI.create("s3://" + BUCKET + "/prefix/catalog.json"));
        Catalog fromFiles = reader.read(NestedCatalogs.nested().resolve("catalog.json").toUri());
        assertEquals(fromFiles.digest(), fromS3.digest());
    }

    @Test
    void everyDataAssetVerifiesFromTheBucket() throws Exception {
        for (CatalogItem item : reader.read(URI.create("s3://" + BUCKET + "/prefix/catalog.json")).items()) {
            for (DataAsset asset : item.assets()) {
                try (VerifyingInputStream in = stores.openVerified(asset.href(), asset.checksum(), asset.size())) {
                    assertEquals(asset.checksum(), in.drainAndVerify().checksum());
                }
            }
        }
    }

    @Test
    void aLinkToAMissingObjectIsDangling() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> reader.read(URI.create("s3://" + BUCKET + "/broken/catalog.json")));
        assertEquals("dangling-link", e.rule());
        assertEquals("s3://" + BUCKET + "/broken/catalog.json", e.artifact());
        assertEquals("/links/1/href", e.position());
        assertTrue(e.getMessage().contains("'gone/collection.json' resolves to s3://" + BUCKET
                + "/broken/gone/collection.json"), e.getMessage());
    }

    @Test
    void aMissingRootObjectIsAMissingArtifact() {
        assertEquals("missing-artifact", assertThrows(BadInputException.class,
                () -> reader.read(URI.create("s3://" + BUCKET + "/nowhere/catalog.json"))).rule());
    }
}
