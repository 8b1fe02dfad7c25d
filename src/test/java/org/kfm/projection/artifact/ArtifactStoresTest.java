package org.kfm.projection.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kfm.projection.error.UsageException;

class ArtifactStoresTest {

    /** Stands in for the S3 store in dispatch tests; it never talks to a server. */
    private static final class NamedStore implements ArtifactStore {
        @Override
        public InputStream open(URI uri) {
            throw new UnsupportedOperationException();
        }

        @Override
        public VerifyingInputStream openVerified(URI uri, String expectedChecksum, long expectedSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(URI uri, byte[] content, String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean canWrite(URI uri) {
            return false;
        }
    }

    @Test
    void picksTheStoreByScheme() {
        FileArtifactStore files = new FileArtifactStore();
        NamedStore s3 = new NamedStore();
        AtomicInteger created = new AtomicInteger();
        ArtifactStores stores = new ArtifactStores(files, () -> {
            created.incrementAndGet();
            return s3;
        });
        assertSame(files, stores.storeFor(URI.create("file:/data/catalog.json")));
        assertSame(files, stores.storeFor(URI.create("data/catalog.json")));
        assertEquals(0, created.get(), "the S3 store is built only when an s3: URI is used");
        assertSame(s3, stores.storeFor(URI.create("s3://bucket/catalog.json")));
        assertSame(s3, stores.storeFor(URI.create("S3://bucket/other.json")));
        assertEquals(1, created.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org/catalog.json", "gs://bucket/catalog.json", "ftp://h/x"})
    void unknownSchemeIsAUsageError(String uri) {
        ArtifactStores stores = ArtifactStores.create(StoreSettings.defaults());
        UsageException e = assertThrows(UsageException.class, () -> stores.open(URI.create(uri)));
        assertEquals("unknown-store-scheme", e.rule());
        assertTrue(e.getMessage().contains(uri), e.getMessage());
        assertFalse(stores.supports(URI.create(uri)));
    }

    @ParameterizedTest
    @CsvSource({
        "s3://bucket/a/b.json, ../c.json, s3://bucket/c.json",
        "s3://bucket/prefix/catalog.json, col/collection.json, s3://bucket/prefix/col/collection.json",
        "s3://bucket/prefix/col/collection.json, ../items/i.json, s3://bucket/prefix/items/i.json",
        "s3://bucket/a/b.json, ./x/y.json, s3://bucket/a/x/y.json",
        "s3://bucket/a/b.json, /z.json, s3://bucket/z.json",
        "s3://bucket/a/b.json, s3://other/k.json, s3://other/k.json",
        "s3://bucket/a/b.json, file:/data/x.json, file:/data/x.json",
        "file:/data/cat/catalog.json, ../items/i.json, file:///data/items/i.json",
        "file:///data/cat/catalog.json, items/i.json, file:///data/cat/items/i.json",
        "file:/data/cat/catalog.json, s3://bucket/i.json, s3://bucket/i.json",
        "file:/data/cat/catalog.json, a%20b.json, file:/data/cat/a%20b.json",
    })
    void resolvesHrefsAgainstFileAndS3Bases(String base, String href, String expected) {
        assertEquals(URI.create(expected), ArtifactStores.resolve(URI.create(base), href));
        assertEquals(expected.replace("file:/data", "file:///data"),
                ArtifactStores.resolve(URI.create(base), href).toString(), "one spelling per location");
    }

    @ParameterizedTest
    @CsvSource({
        "s3://bucket/a/b.json, ../../c.json",
        "file:/data/catalog.json, ../../../etc/passwd",
        "s3://bucket/a/b.json, has space.json",
    })
    void refusesHrefsThatClimbAboveTheRootOrAreNotUris(String base, String href) {
        assertThrows(IllegalArgumentException.class, () -> ArtifactStores.resolve(URI.create(base), href));
    }

    @Test
    void locationTurnsPathsIntoAbsoluteFileUris() {
        URI uri = ArtifactStores.location("catalogs/catalog.json");
        assertEquals("file", uri.getScheme());
        assertEquals(Path.of("catalogs/catalog.json").toAbsolutePath().toUri(), uri);
        assertEquals(URI.create("s3://bucket/prefix/catalog.json"),
                ArtifactStores.location("s3://bucket/prefix/catalog.json"));
        assertEquals("file:///data/catalog.json", ArtifactStores.location("file:/data/./catalog.json").toString());
        assertEquals("invalid-store-uri",
                assertThrows(UsageException.class, () -> ArtifactStores.location(" ")).rule());
    }
}
