package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.feature.EwkbWriter;
import org.kfm.projection.feature.Feature;
import org.kfm.projection.feature.FeatureFormat;
import org.kfm.projection.feature.ReaderContext;
import org.kfm.projection.testing.FeatureFiles;
import org.kfm.projection.testing.TestDatabase;

/**
 * Parity rule 2 rests on our EWKB being exactly what PostGIS stores and {@code ST_AsEWKB} returns:
 * checked row by row, then as digests, for every geometry type in 2D and 3D, holes, multi-parts,
 * nested collections, empties, signed zeros, non-ASCII ids, every format and a transformed CRS.
 */
class GeometryDigestParityIT {
    private static final Path FEATURES = TestDatabase.repoRoot().resolve("src/test/resources/features");
    private static final PgIdentifier SCHEMA = PgIdentifier.of("parity");
    private static final List<LoadTesting.Item> ITEMS = List.of(
            item("edge", "load/edge-geometries.geojson", FeatureFormat.GEOJSON, 4326, null),
            item("all-types-geojson", "features/geojson/all-types.geojson", FeatureFormat.GEOJSON, 4326, null),
            item("all-types-fgb", "features/fgb/all-types.fgb", FeatureFormat.FLATGEOBUF, 4326, null),
            item("z-points-fgb", "features/fgb/z-points.fgb", FeatureFormat.FLATGEOBUF, 4326, "fid"),
            item("utm-fgb", "features/fgb/utm.fgb", FeatureFormat.FLATGEOBUF, 26914, null),
            item("lines-seq", "features/seq/lines.ndjson", FeatureFormat.GEOJSON_SEQ, 4326, null));

    @TempDir
    static Path dir;
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static DataSource ds;
    private static LoadResult result;

    private static LoadTesting.Item item(String id, String resource, FeatureFormat format, int epsg, String idProperty) {
        Path file = TestDatabase.repoRoot().resolve("src/test/resources").resolve(resource);
        long count = read(file, format, epsg, idProperty).size();
        return new LoadTesting.Item(id, id + "-v1", count, epsg, idProperty,
                List.of(new LoadTesting.Asset("data", file, format.mediaType())));
    }

    @BeforeAll
    static void load() {
        ds = db.dataSource();
        LoadTesting.migrate(ds, SCHEMA.name());
        result = LoadTesting.loader(ds, 2).load(SCHEMA, LoadTesting.read(LoadTesting.writeCatalog(dir, ITEMS)),
                LoadListener.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"edge", "all-types-geojson", "all-types-fgb", "z-points-fgb", "utm-fgb", "lines-seq"})
    void everyRowIsStoredAsTheEwkbWeSent(String itemId) {
        LoadTesting.Item item = ITEMS.stream().filter(i -> i.id().equals(itemId)).findFirst().orElseThrow();
        Map<String, String> ours = new TreeMap<>();
        EwkbWriter ewkb = new EwkbWriter();
        for (Feature f : read(item.assets().get(0).file(), format(item), item.epsg(), item.idProperty())) {
            ours.put(f.id(), HexFormat.of().formatHex(ewkb.write(f.geometry())));
        }
        Map<String, String> stored = new TreeMap<>();
        for (String row : LoadTesting.rows(ds, "SELECT feature_id, encode(ST_AsEWKB(geom), 'hex') FROM parity.feature_geom"
                + " WHERE dataset_version_id = '" + item.datasetVersionId() + "'")) {
            String[] parts = row.split(" \\| ");
            stored.put(parts[0], parts[1]);
        }
        assertEquals(ours, stored);
        assertEquals(LoadTesting.sqlDigests(ds, SCHEMA).get(item.datasetVersionId()),
                result.dataset(item.datasetVersionId()).orElseThrow().geometryDigest());
    }

    @Test
    void digestsOfTheWholeSchemaAgree() {
        assertEquals(LoadTesting.javaDigests(result), LoadTesting.sqlDigests(ds, SCHEMA));
        assertEquals("POINT EMPTY | LINESTRING EMPTY | GEOMETRYCOLLECTION EMPTY | 3 | 4326", LoadTesting.one(ds, """
                SELECT (SELECT ST_AsText(geom) FROM parity.feature_geom WHERE feature_id = 'empty-point'),
                       (SELECT ST_AsText(geom) FROM parity.feature_geom WHERE feature_id = 'empty-line'),
                       (SELECT ST_AsText(geom) FROM parity.feature_geom WHERE feature_id = 'empty-collection'),
                       (SELECT ST_NDims(geom) FROM parity.feature_geom WHERE feature_id = 'collection-nested-z'),
                       (SELECT DISTINCT ST_SRID(geom) FROM parity.feature_geom)"""));
    }

    private static FeatureFormat format(LoadTesting.Item item) {
        return FeatureFormat.fromMediaType(item.assets().get(0).mediaType()).orElseThrow();
    }

    private static List<Feature> read(Path file, FeatureFormat format, int epsg, String idProperty) {
        return FeatureFiles.readAll(file, format, new ReaderContext(file.toUri().toString(), epsg, 4326,
                Optional.ofNullable(idProperty)));
    }
}
