package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.testing.TestDatabase;

/**
 * One dataset version with one artifact, loaded over three COPY streams (docs/loader.md, "One big
 * artifact"), gives the same rows, digest and counts as one stream, and fails as a whole: a bad feature,
 * a checksum mismatch or a value the server refuses leaves none of the version's rows behind.
 */
class SplitsOneBigArtifactIT {
    private static final long FEATURES = 20_000;
    private static final int STREAMS = 3;
    /** Every column, the geometry as EWKB hex, in one text per row ordered by key: equal md5 = equal rows. */
    private static final String ROWS_MD5 = """
            SELECT md5(string_agg(concat_ws('|', dataset_version_id, feature_id, encode(ST_AsEWKB(geom), 'hex'),
                                            properties::text, evidence_ref, updated_at::text, feature_index),
                                  E'\\n' ORDER BY dataset_version_id, feature_id, feature_index)), count(*)
              FROM %s.feature_geom""";

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

    /** Every stream's connection was given back, whatever happened. */
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

    @Test
    void aFeatureCollectionGivesTheSameRowsOverThreeStreamsAsOverOne() throws IOException {
        sameRowsOverOneAndThreeStreams(SyntheticFormat.GEOJSON);
    }

    @Test
    void aFlatGeobufGivesTheSameRowsOverThreeStreamsAsOverOne() throws IOException {
        sameRowsOverOneAndThreeStreams(SyntheticFormat.FGB);
    }

    @Test
    void aGeoJsonSequenceGivesTheSameRowsOverThreeStreamsAsOverOne() throws IOException {
        sameRowsOverOneAndThreeStreams(SyntheticFormat.NDJSON);
    }

    private void sameRowsOverOneAndThreeStreams(SyntheticFormat format) throws IOException {
        Catalog catalog = generated(format);
        PgIdentifier one = setAside(schema());
        PgIdentifier three = setAside(schema());

        LoadResult serial = LoadTesting.loader(ds, 1).load(one, catalog, LoadListener.NONE);
        LoadResult split = splitting().load(three, catalog, LoadListener.NONE);

        assertEquals(LoadTesting.javaDigests(serial), LoadTesting.javaDigests(split));
        assertEquals(LoadTesting.javaDigests(split), LoadTesting.sqlDigests(ds, three));
        assertEquals(serial.datasets(), split.datasets(), "counts, assets, bytes and digest per version");
        assertEquals(FEATURES, split.rows());
        String rows = LoadTesting.one(ds, ROWS_MD5.formatted(one));
        assertTrue(rows.endsWith(" | " + FEATURES), rows);
        assertEquals(rows, LoadTesting.one(ds, ROWS_MD5.formatted(three)));
        // rows of different transactions carry different xmin: the one-stream load wrote from one, the split from several
        assertEquals("1", LoadTesting.one(ds, "SELECT count(DISTINCT xmin::text) FROM " + one + ".feature_geom"));
        int writers = Integer.parseInt(LoadTesting.one(ds, "SELECT count(DISTINCT xmin::text) FROM " + three
                + ".feature_geom"));
        assertTrue(writers >= 2 && writers <= STREAMS, "transactions that wrote the split version: " + writers);
    }

    @Test
    void aMalformedFeatureInTheMiddleFailsNamingArtifactAndPositionAndLeavesNothing() throws IOException {
        generated(SyntheticFormat.GEOJSON);
        Path data = SyntheticCatalogWriter.dataFile(dir, 1, SyntheticFormat.GEOJSON);
        String text = Files.readString(data, StandardCharsets.UTF_8);
        int middle = text.indexOf("\"type\":\"Point\"", text.length() / 2);
        assertTrue(middle > 0, "a point in the second half");
        Files.writeString(data, text.substring(0, middle) + "\"type\":\"Pointy\"" + text.substring(middle
                + "\"type\":\"Point\"".length()), StandardCharsets.UTF_8);
        Catalog catalog = handMade(data, SyntheticFormat.GEOJSON);
        PgIdentifier schema = setAside(schema());

        BadInputException e = assertThrows(BadInputException.class,
                () -> splitting().load(schema, catalog, LoadListener.NONE));
        assertEquals(data.toUri().toString(), e.artifact());
        assertTrue(e.position().matches("line \\d+, column \\d+ \\(feature \\d+, id \"s1-\\d+\"\\)"), e.position());
        assertTrue(e.getMessage().contains("Pointy"), e.getMessage());
        long feature = Long.parseLong(e.position().replaceAll(".*\\(feature (\\d+),.*", "$1"));
        assertTrue(feature > FEATURES / 3 && feature < FEATURES, "in the middle: " + feature);
        assertNothingLoaded(schema);
    }

    @Test
    void aChecksumMismatchFailsTheSplitLoadAndLeavesNothing() throws IOException {
        Catalog catalog = generated(SyntheticFormat.GEOJSON);
        Path data = SyntheticCatalogWriter.dataFile(dir, 1, SyntheticFormat.GEOJSON);
        byte[] bytes = Files.readAllBytes(data);
        // a digit of a property value near the end: valid GeoJSON, same size, another checksum
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"rank\":", bytes.length * 9 / 10)
                + "\"rank\":".length();
        while (!Character.isDigit(bytes[at])) {
            at++;
        }
        bytes[at] = (byte) (bytes[at] == '1' ? '2' : '1');
        Files.write(data, bytes);
        PgIdentifier schema = setAside(schema());

        BadInputException e = assertThrows(BadInputException.class,
                () -> splitting().load(schema, catalog, LoadListener.NONE));
        assertEquals("checksum-mismatch", e.rule());
        assertEquals(data.toUri().toString(), e.artifact());
        assertNothingLoaded(schema);
    }

    @Test
    void aValueTheServerRefusesIsNamedByItsFeatureIndexInTheArtifact() throws Exception {
        Catalog catalog = generated(SyntheticFormat.FGB);
        PgIdentifier schema = setAside(schema());
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + schema + ".feature_geom ADD CHECK (feature_index <> 12345)");
        }

        BadInputException e = assertThrows(BadInputException.class,
                () -> splitting().load(schema, catalog, LoadListener.NONE));
        assertEquals("value-rejected", e.rule(), e.getMessage());
        assertEquals("feature 12345", e.position(), "the stream's row number mapped back to the artifact");
        assertNothingLoaded(schema);
    }

    @Test
    void progressCountsRowsAndBytesAndACancelStopsEveryStream() throws IOException {
        Catalog catalog = generated(SyntheticFormat.GEOJSON);
        long bytes = catalog.items().get(0).assets().get(0).size();
        List<LoadProgress> seen = new CopyOnWriteArrayList<>();
        LoadResult loaded = splitting().load(setAside(schema()), catalog, listener(seen, Integer.MAX_VALUE));
        LoadProgress last = seen.get(seen.size() - 1);
        assertEquals(FEATURES, last.rows());
        assertEquals(bytes, last.bytes());
        assertEquals(bytes, loaded.bytes());

        PgIdentifier cancelled = setAside(schema());
        LoadCancelledException e = assertThrows(LoadCancelledException.class,
                () -> splitting().load(cancelled, catalog, listener(new CopyOnWriteArrayList<>(), 6)));
        assertTrue(e.row() > 0 && e.row() < FEATURES, "stopped mid-artifact: " + e.row());
        assertNothingLoaded(cancelled);
    }

    /** Records progress; cancels from its {@code polls}-th poll on. */
    private static LoadListener listener(List<LoadProgress> seen, int polls) {
        AtomicInteger n = new AtomicInteger();
        return new LoadListener() {
            @Override
            public void progress(LoadProgress p) {
                seen.add(p);
            }

            @Override
            public boolean cancelled() {
                return n.incrementAndGet() > polls;
            }
        };
    }

    @Test
    void withThePrimaryKeyInPlaceTheArtifactIsNotSplit() throws IOException {
        Catalog catalog = generated(SyntheticFormat.FGB);
        PgIdentifier schema = schema();

        splitting().load(schema, catalog, LoadListener.NONE);

        assertEquals("1", LoadTesting.one(ds, "SELECT count(DISTINCT xmin::text) FROM " + schema + ".feature_geom"));
    }

    private void assertNothingLoaded(PgIdentifier schema) {
        assertEquals("0 | 0", LoadTesting.one(ds, "SELECT (SELECT count(*) FROM " + schema + ".feature_geom), "
                + "(SELECT count(*) FROM " + schema + ".dataset_version)"));
    }

    /** Three connections for one version: two spare streams, every artifact large enough to split. */
    private static ProjectionLoader splitting() {
        LoadSettings settings = new LoadSettings(STREAMS, 4326, Duration.ofMillis(500), 1000).withSplitMinBytes(0);
        return new ProjectionLoader(ds, ArtifactStores.create(StoreSettings.defaults()), new FeatureReaders(),
                settings, Clock.systemUTC());
    }

    private Catalog generated(SyntheticFormat format) throws IOException {
        return LoadTesting.read(new SyntheticCatalogWriter().write(
                new SyntheticCatalogWriter.Options(dir, FEATURES, 11, 1, format)).catalog());
    }

    /** A catalog over the file as it is now (its checksum and size recomputed). */
    private Catalog handMade(Path data, SyntheticFormat format) {
        return LoadTesting.read(LoadTesting.writeCatalog(dir.resolve("hand"), List.of(new LoadTesting.Item("big",
                "big-v1", FEATURES, 4326, null, List.of(new LoadTesting.Asset("data", data,
                        format.featureFormat().mediaType()))))));
    }

    private static PgIdentifier schema() {
        return LoadTesting.migrate(ds, "split_" + SCHEMAS.incrementAndGet());
    }

    /** What the rebuild does before loading: no unique index, so the loader may split. */
    private static PgIdentifier setAside(PgIdentifier schema) {
        new ShadowIndexes(ds, 2, Clock.systemUTC()).setAside(schema);
        return schema;
    }
}
