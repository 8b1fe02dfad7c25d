package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.bench.rebuild.ExternalCommand;
import org.kfm.projection.bench.rebuild.PgTarget;
import org.kfm.projection.testing.TestDatabase;
import org.kfm.projection.validate.Expectation;
import org.kfm.projection.validate.ParityPolicy;
import org.kfm.projection.validate.ParityReport;
import org.kfm.projection.validate.ParityValidator;

/**
 * Fidelity: for valid input already in EPSG:4326, every geometry the loader stores is byte for byte
 * ({@code ST_AsEWKB}) what GDAL's {@code ogr2ogr} stores from the same file through its PostgreSQL
 * driver, joined by feature id.
 *
 * <p>GDAL decides the dimension per layer (docs/formats.md, "Z rule"): a mixed-type layer is 2D and
 * drops Z unless {@code -dim XYZ}, which in turn gives 2D features Z = 0. We decide per feature. To
 * compare like with like, each file is loaded by {@code ogr2ogr} twice, {@code -dim XY} and
 * {@code -dim XYZ}, and each feature is compared with the load whose dimension matches its source: 3D
 * when any of its positions has a third value (read here from the JSON, independently of our reader).
 * Inside one geometry GDAL promotes 2D positions to Z = 0 as we do, so that part is compared as is.
 *
 * <p>{@code ogr2ogr} missing is a failure, not a skip: {@code bin/test} installs {@code gdal-bin}.
 */
class MatchesOgr2ogrIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIXTURE = "fidelity/every-geometry-type.geojson";
    private static final String BOW_TIE = "cheyenne-bottoms-plot-7";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static DataSource ds;
    private static PgTarget target;
    private static int tables;

    @BeforeAll
    static void database() {
        assertTrue(ExternalCommand.available("ogr2ogr"), "ogr2ogr (GDAL) is not on the PATH: the fidelity test "
                + "needs it. Install it with: apt-get install -y gdal-bin (bin/test does this)");
        ds = db.dataSource();
        target = PgTarget.fromJdbcUrl(db.jdbcUrl(), Optional.empty(), Optional.empty());
        db.execute("CREATE SCHEMA ogr");
    }

    @Test
    void everyGeometryTypeIsStoredAsOgr2ogrStoresIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("every-geometry-type.geojson");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(FIXTURE)) {
            Files.copy(in, file);
        }
        Map<String, Boolean> source = SourceDimensions.read(file, null);
        Path catalog = LoadTesting.writeCatalog(dir, List.of(new LoadTesting.Item("every-type", "every-type-v1",
                source.size(), 4326, null, List.of(new LoadTesting.Asset("data", file, "application/geo+json")))));
        PgIdentifier schema = LoadTesting.migrate(ds, "fidelity_types");
        LoadTesting.loader(ds, 1).load(schema, LoadTesting.read(catalog), LoadListener.NONE);

        assertMatchesOgr2ogr(schema, "every-type-v1", file, null);
        assertTrue(source.containsValue(true) && source.containsValue(false), "the fixture has 2D and 3D features");
        assertEquals(List.of("GEOMETRYCOLLECTION", "LINESTRING", "MULTILINESTRING", "MULTIPOINT", "MULTIPOLYGON",
                "POINT", "POLYGON"), LoadTesting.rows(ds, "SELECT DISTINCT GeometryType(geom) FROM " + schema.quoted()
                + ".feature_geom ORDER BY 1"), "every geometry type is covered");
    }

    @Test
    void sampleGeoJsonAssetsInWgs84AreStoredAsOgr2ogrStoresThem() {
        PgIdentifier schema = LoadTesting.migrate(ds, "fidelity_sample");
        Catalog catalog = LoadTesting.read(LoadTesting.SAMPLE_CATALOG);
        LoadTesting.loader(ds, 2).load(schema, catalog, LoadListener.NONE);
        int compared = 0;
        for (CatalogItem item : catalog.items()) {
            boolean geoJson = item.assets().stream().allMatch(a -> a.format().name().startsWith("GEOJSON"));
            if (item.sourceEpsg() != 4326 || !geoJson) {
                continue;
            }
            for (var asset : item.assets()) {
                assertMatchesOgr2ogr(schema, item.datasetVersionId(), Path.of(asset.href()),
                        item.featureIdProperty().orElse(null));
                compared++;
            }
        }
        assertEquals(2, compared, "landmarks.geojson and rivers.geojsons are the sample's WGS 84 GeoJSON assets");
    }

    @Test
    void bowTieIsStoredExactlyAsPublishedUnderTheDefaultReportPolicy() {
        PgIdentifier schema = LoadTesting.migrate(ds, "fidelity_bow_tie");
        Catalog catalog = LoadTesting.read(LoadTesting.SAMPLE_CATALOG);
        LoadResult loaded = LoadTesting.loader(ds, 2).load(schema, catalog, LoadListener.NONE);
        CatalogItem landmarks = catalog.items().stream().filter(i -> i.id().equals("kansas-landmarks")).findFirst()
                .orElseThrow();
        String ours = bowTie(schema);

        ParityReport report = new ParityValidator(ds, Clock.systemUTC()).validate(schema, Optional.empty(),
                expectations(catalog, loaded), ParityPolicy.defaults(4326));

        assertTrue(report.passed(), () -> "the default policy reports invalid geometries, it does not fail:\n"
                + report.toText());
        assertTrue(report.toText().contains(BOW_TIE), () -> "the report lists the bow-tie:\n" + report.toText());
        assertEquals(ours, bowTie(schema), "validation under 'report' leaves the geometry untouched");
        assertEquals("f", LoadTesting.one(ds, "SELECT ST_IsValid(geom) FROM " + schema.quoted()
                + ".feature_geom WHERE feature_id = '" + BOW_TIE + "'"), "stored invalid, as published");
        // the published ring, vertex for vertex, in the published order
        assertEquals(LoadTesting.one(ds, "SELECT encode(ST_AsEWKB(ST_GeomFromText('POLYGON((-98.7 38.45, -98.6 38.5, "
                + "-98.6 38.45, -98.7 38.5, -98.7 38.45))', 4326)), 'hex')"), ours);
        assertMatchesOgr2ogr(schema, landmarks.datasetVersionId(), Path.of(landmarks.assets().get(0).href()),
                landmarks.featureIdProperty().orElse(null));
    }

    private static String bowTie(PgIdentifier schema) {
        return LoadTesting.one(ds, "SELECT encode(ST_AsEWKB(geom), 'hex') FROM " + schema.quoted()
                + ".feature_geom WHERE feature_id = '" + BOW_TIE + "'");
    }

    private static List<Expectation> expectations(Catalog catalog, LoadResult loaded) {
        return catalog.items().stream().map(i -> {
            DatasetLoad d = loaded.dataset(i.datasetVersionId()).orElseThrow();
            return new Expectation(i.datasetVersionId(), i.declaredFeatureCount(),
                    java.util.OptionalLong.of(d.featuresRead()), Optional.of(d.geometryDigest()), i.bbox().minX(),
                    i.bbox().minY(), i.bbox().maxX(), i.bbox().maxY());
        }).toList();
    }

    /** Loads {@code file} with ogr2ogr in 2D and 3D and compares every feature with the load of its dimension. */
    private static void assertMatchesOgr2ogr(PgIdentifier schema, String datasetVersionId, Path file,
            String idProperty) {
        Map<String, Boolean> is3d = SourceDimensions.read(file, idProperty);
        String table = "t" + (++tables);
        Map<String, String> xy = ogr2ogr(file, table + "_xy", "XY", idProperty);
        Map<String, String> xyz = ogr2ogr(file, table + "_xyz", "XYZ", idProperty);
        Map<String, String> ours = new TreeMap<>();
        for (String row : LoadTesting.rows(ds, "SELECT feature_id, encode(ST_AsEWKB(geom), 'hex') FROM "
                + schema.quoted() + ".feature_geom WHERE dataset_version_id = '" + datasetVersionId + "'")) {
            String[] parts = row.split(" \\| ");
            ours.put(parts[0], parts[1]);
        }
        assertEquals(is3d.keySet(), ours.keySet(), file + ": the loader stored every feature of the file, by id");
        assertEquals(is3d.keySet(), xy.keySet(), file + ": ogr2ogr stored every feature of the file, by id");
        List<String> differences = new ArrayList<>();
        is3d.forEach((id, threeD) -> {
            String expected = (threeD ? xyz : xy).get(id);
            if (!expected.equals(ours.get(id))) {
                differences.add(id + " (" + (threeD ? "3D" : "2D") + "): ogr2ogr " + ewkt(expected) + "\n    ours    "
                        + ewkt(ours.get(id)));
            }
        });
        assertTrue(differences.isEmpty(), () -> file + ": " + differences.size() + " of " + is3d.size()
                + " geometries differ from ogr2ogr's:\n  " + String.join("\n  ", differences));
    }

    private static Map<String, String> ogr2ogr(Path file, String table, String dim, String idProperty) {
        ExternalCommand.run(List.of("ogr2ogr", "-f", "PostgreSQL", target.gdalConnection(), file.toString(),
                "-nln", "ogr." + table, "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=ogr_fid", "-lco",
                "SPATIAL_INDEX=NONE", "-nlt", "GEOMETRY", "-dim", dim, "--config", "PG_USE_COPY", "YES"),
                target.libpqEnvironment(), Duration.ofMinutes(2)).requireSuccess();
        String key = idProperty == null ? "id::text" : "coalesce(id::text, " + idProperty + "::text)";
        Map<String, String> out = new TreeMap<>();
        for (String row : LoadTesting.rows(ds, "SELECT " + key + ", encode(ST_AsEWKB(geom), 'hex') FROM ogr."
                + table)) {
            String[] parts = row.split(" \\| ");
            out.put(parts[0], parts[1]);
        }
        return out;
    }

    private static String ewkt(String hex) {
        return hex == null ? "(missing)" : LoadTesting.one(ds, "SELECT ST_AsEWKT(decode('" + hex + "', 'hex')::geometry)")
                + " [" + hex + "]";
    }

    /** Feature id → whether any position of its geometry has a third value, read straight from the JSON. */
    static final class SourceDimensions {
        private SourceDimensions() {
        }

        static Map<String, Boolean> read(Path file, String idProperty) {
            Map<String, Boolean> out = new TreeMap<>();
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.stripLeading().startsWith("{") && !text.contains("\u001e")
                        && JSON.readTree(text).has("features")) {
                    JSON.readTree(text).get("features").forEach(f -> put(out, f, idProperty));
                } else {
                    for (String record : text.split("[\u001e\n]")) {
                        if (!record.isBlank()) {
                            put(out, JSON.readTree(record), idProperty);
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
            return out;
        }

        private static void put(Map<String, Boolean> out, JsonNode feature, String idProperty) {
            JsonNode id = feature.path("id");
            if (id.isMissingNode() || id.isNull()) {
                id = feature.path("properties").path(idProperty);
            }
            out.put(id.asText(), hasZ(feature.get("geometry")));
        }

        private static boolean hasZ(JsonNode node) {
            if (node == null || node.isNull()) {
                return false;
            }
            if (node.isObject()) {
                return hasZ(node.get("coordinates")) || hasZ(node.get("geometries"));
            }
            if (node.isArray() && node.size() > 0 && node.get(0).isNumber()) {
                return node.size() >= 3;
            }
            for (JsonNode child : node) {
                if (hasZ(child)) {
                    return true;
                }
            }
            return false;
        }
    }
}
