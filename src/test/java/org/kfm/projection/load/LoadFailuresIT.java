package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.feature.FeatureFormat;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;
import org.kfm.projection.testing.TestDatabase;

/**
 * A load that cannot complete fails as a whole, names what broke, rolls back the dataset version it
 * was in, and leaves no connection behind (so the orchestrator can drop the shadow at once).
 */
class LoadFailuresIT {
    private static final int DATASETS = 3;
    private static final long FEATURES = 6_000;

    @TempDir
    Path dir;
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static DataSource ds;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @BeforeAll
    static void database() {
        ds = db.dataSource();
    }

    /** Polls on one connection of its own, so no earlier poll's closing session is mistaken for a leak. */
    @AfterEach
    void noConnectionIsLeftBehind() throws Exception {
        String others = """
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'""";
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            long left = -1;
            for (int i = 0; i < 50 && left != 0; i++) {
                try (ResultSet rs = s.executeQuery(others)) {
                    rs.next();
                    left = rs.getLong(1);
                }
                if (left != 0) {
                    Thread.sleep(50);
                }
            }
            assertEquals(0, left, "client sessions still open after the load returned");
        }
    }

    private PgIdentifier schema() {
        return LoadTesting.migrate(ds, "fail_" + SCHEMAS.incrementAndGet());
    }

    private Catalog generated(SyntheticFormat format) throws IOException {
        return LoadTesting.read(new SyntheticCatalogWriter().write(
                new SyntheticCatalogWriter.Options(dir, FEATURES, 7, DATASETS, format)).catalog());
    }

    @Test
    void checksumMismatchMidLoadFailsAndRollsBackThatDatasetVersion() throws IOException {
        Catalog catalog = generated(SyntheticFormat.NDJSON);
        Path data = SyntheticCatalogWriter.dataFile(dir, 2, SyntheticFormat.NDJSON);
        byte[] bytes = Files.readAllBytes(data);
        // a digit of a property value: still valid GeoJSON, same size, another checksum
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\"rank\":",
                bytes.length * 3 / 4) + "\"rank\":".length();
        while (!Character.isDigit(bytes[at])) {
            at++;
        }
        bytes[at] = (byte) (bytes[at] == '1' ? '2' : '1');
        Files.write(data, bytes);
        PgIdentifier schema = schema();

        BadInputException e = assertThrows(BadInputException.class,
                () -> LoadTesting.loader(ds, 2).load(schema, catalog, LoadListener.NONE));
        assertEquals("checksum-mismatch", e.rule());
        assertTrue(e.getMessage().startsWith(data.toUri().toString()), e.getMessage());
        assertEquals("0 | 0", LoadTesting.one(ds, "SELECT (SELECT count(*) FROM " + schema
                + ".feature_geom WHERE dataset_version_id = 'synthetic-2-s7'), (SELECT count(*) FROM " + schema
                + ".dataset_version WHERE dataset_version_id = 'synthetic-2-s7')"));
    }

    @Test
    void declaredFeatureCountMustMatchTheFeaturesRead() throws IOException {
        generated(SyntheticFormat.FGB);
        Path item = dir.resolve("synthetic/synthetic-3/synthetic-3.json");
        Files.writeString(item, Files.readString(item).replace("\"kfm:feature_count\" : 2000",
                "\"kfm:feature_count\" : 2001"));
        Catalog catalog = LoadTesting.read(dir.resolve("catalog.json"));
        assertEquals(2001, catalog.item("synthetic-3-s7").orElseThrow().declaredFeatureCount());
        PgIdentifier schema = schema();

        BadInputException e = assertThrows(BadInputException.class,
                () -> LoadTesting.loader(ds, 1).load(schema, catalog, LoadListener.NONE));
        assertEquals("feature-count-mismatch", e.rule());
        assertTrue(e.getMessage().contains("item 'synthetic-3' (dataset version 'synthetic-3-s7') declares 2001 "
                + "features, its data assets hold 2000 (data: 2000)"), e.getMessage());
        assertEquals("0", LoadTesting.one(ds, "SELECT count(*) FROM " + schema
                + ".feature_geom WHERE dataset_version_id = 'synthetic-3-s7'"));
    }

    @Test
    void listenerCancelsTheLoadNamingAssetAndRow() throws IOException {
        Catalog catalog = generated(SyntheticFormat.GEOJSON);
        PgIdentifier schema = schema();
        AtomicInteger polls = new AtomicInteger();
        LoadListener cancelAfterAFewBlocks = new LoadListener() {
            @Override
            public void progress(LoadProgress p) {
            }

            @Override
            public boolean cancelled() {
                return polls.incrementAndGet() > 6;
            }
        };
        ProjectionLoader loader = new ProjectionLoader(ds, ArtifactStores.create(StoreSettings.defaults()),
                new FeatureReaders(), new LoadSettings(2, 4326, Duration.ofMillis(500), 200), Clock.systemUTC());

        LoadCancelledException e = assertThrows(LoadCancelledException.class,
                () -> loader.load(schema, catalog, cancelAfterAFewBlocks));
        assertEquals("cancelled", e.rule());
        assertEquals(ErrorCode.FAILED, e.code());
        assertTrue(e.artifact().matches("file:///.*/synthetic-\\d\\.geojson"), e.artifact());
        assertTrue(e.row() > 0 && e.row() % 200 == 0, "stopped at a block boundary: " + e.row());
        assertTrue(e.getMessage().contains(e.artifact() + ", feature " + e.row()), e.getMessage());
        assertEquals("0", LoadTesting.one(ds, "SELECT count(*) FROM " + schema + ".feature_geom"));
    }

    @Test
    void featureIdWithNulIsRefused() {
        Path data = write("nul.geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "a\\u0000b", "geometry": {"type": "Point", "coordinates": [1, 2]}}]}""");
        Catalog catalog = LoadTesting.read(LoadTesting.writeCatalog(dir, List.of(new LoadTesting.Item("nul", "nul-v1",
                1, 4326, null, List.of(new LoadTesting.Asset("data", data, FeatureFormat.GEOJSON.mediaType()))))));
        PgIdentifier schema = schema();

        BadInputException e = assertThrows(BadInputException.class,
                () -> LoadTesting.loader(ds, 1).load(schema, catalog, LoadListener.NONE));
        assertEquals("invalid-feature-id", e.rule());
        assertEquals("line 2, column 29 (feature 0, pointer /id)", e.position(), "found by the reader");
    }

    @Test
    void aValueTheDatabaseRefusesIsBadInputNamingTheFeatureNotCopyFailed() throws Exception {
        Path data = write("rank.geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [1, 2]},
                   "properties": {"rank": "3"}},
                  {"type": "Feature", "id": "b", "geometry": {"type": "Point", "coordinates": [1, 2]},
                   "properties": {"rank": "third"}}]}""");
        Catalog catalog = LoadTesting.read(LoadTesting.writeCatalog(dir, List.of(new LoadTesting.Item("rank",
                "rank-v1", 2, 4326, null, List.of(new LoadTesting.Asset("data", data,
                        FeatureFormat.GEOJSON.mediaType()))))));
        PgIdentifier schema = schema();
        // a projection whose migrations hold properties to a rule: the artifact breaks it (SQLSTATE 22P02)
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + schema + ".feature_geom ADD CHECK ((properties->>'rank')::int >= 0)");
        }

        BadInputException e = assertThrows(BadInputException.class,
                () -> LoadTesting.loader(ds, 1).load(schema, catalog, LoadListener.NONE));
        assertEquals("value-rejected", e.rule(), e.getMessage());
        assertEquals(ErrorCode.BAD_INPUT, e.code());
        assertEquals(data.toUri().toString(), e.artifact());
        assertTrue(e.position().startsWith("feature 1"), e.position());
        assertTrue(e.getMessage().contains("[SQLSTATE 22P02]"), e.getMessage());
    }

    @Test
    void aParserStoppedByCorruptionReportsTheChecksumMismatchFirst() throws IOException {
        String published = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "a", "geometry": {"type": "Point", "coordinates": [1, 2]}},
                  {"type": "Feature", "id": "b", "geometry": {"type": "Point", "coordinates": [3, 4]}}]}""";
        Path data = write("flipped.geojson", published);
        Catalog catalog = LoadTesting.read(LoadTesting.writeCatalog(dir, List.of(new LoadTesting.Item("flip",
                "flip-v1", 2, 4326, null, List.of(new LoadTesting.Asset("data", data,
                        FeatureFormat.GEOJSON.mediaType()))))));
        // one byte damaged after promotion, same size: the parser stops there, long before the end
        Files.writeString(data, published.replace("\"id\": \"a\",", "\"id\": \"a\";"));
        PgIdentifier schema = schema();

        BadInputException e = assertThrows(BadInputException.class,
                () -> LoadTesting.loader(ds, 1).load(schema, catalog, LoadListener.NONE));
        assertEquals("checksum-mismatch", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("reading it had already failed: " + data.toUri() + " at line 2, column "),
                e.getMessage());
        assertTrue(e.getMessage().contains(": malformed-json: "), e.getMessage());
        assertEquals("malformed-json", ((BadInputException) e.getSuppressed()[0]).rule());
    }

    @Test
    void duplicateIdAcrossAssetsFailsTheCopyWhenThePrimaryKeyIsInPlace() {
        Catalog catalog = LoadTesting.read(LoadTesting.writeCatalog(dir, List.of(twoAssetsSharingAnId(dir))));
        PgIdentifier schema = schema();

        BadInputException e = assertThrows(BadInputException.class,
                () -> LoadTesting.loader(ds, 1).load(schema, catalog, LoadListener.NONE));
        assertEquals("duplicate-feature-id", e.rule());
        assertTrue(e.getMessage().contains("(dup-v1, shared)"), e.getMessage());
    }

    /** An item whose two assets both hold a feature with id {@code shared}. */
    static LoadTesting.Item twoAssetsSharingAnId(Path dir) {
        Path a = write(dir, "part-a.geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "only-a", "geometry": {"type": "Point", "coordinates": [1, 2]}},
                  {"type": "Feature", "id": "shared", "geometry": {"type": "Point", "coordinates": [3, 4]}}]}""");
        Path b = write(dir, "part-b.geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "id": "shared", "geometry": {"type": "Point", "coordinates": [5, 6]}}]}""");
        return new LoadTesting.Item("dup", "dup-v1", 3, 4326, null, List.of(
                new LoadTesting.Asset("part-a", a, FeatureFormat.GEOJSON.mediaType()),
                new LoadTesting.Asset("part-b", b, FeatureFormat.GEOJSON.mediaType())));
    }

    private Path write(String name, String content) {
        return write(dir, name, content);
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
