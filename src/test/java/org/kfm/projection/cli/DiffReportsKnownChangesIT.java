package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * {@code kfm-projection diff} (the packaged application) between the live generation of the sample
 * catalog and a shadow that differs from it by a known set of ids: the exact sets are reported per
 * dataset version, {@code --limit} cuts the id lists but not the counts, {@code --geojson} holds every
 * difference with both sides' geometry, the JSON matches docs/schemas/diff.schema.json, and bad
 * schemas are refused with their rule and exit code 2.
 */
class DiffReportsKnownChangesIT {
    private static final String PROJECTION = "it_diff";
    private static final String SHADOW = PROJECTION + "_shadow";
    private static final String NEW_VERSION = "it-new-version";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static RebuildFixture fx;
    private static KfmProcess kfm;
    /** The version with the most features, changed in every way, and another with one geometry moved. */
    private static String v1;
    private static String v2;
    private static List<String> a;
    private static String b0;

    private static final String IDS = """
            SELECT feature_id FROM it_diff.feature_geom WHERE dataset_version_id = ? ORDER BY feature_id COLLATE "C\"""";
    /** Parameters: the new row's version and id, the live row's version and id. */
    private static final String COPY_FEATURE = """
            INSERT INTO it_diff_shadow.feature_geom (dataset_version_id, feature_id, geom, properties, evidence_ref,
                   updated_at)
            SELECT ?, ?, geom, properties, evidence_ref, updated_at
              FROM it_diff.feature_geom WHERE dataset_version_id = ? AND feature_id = ?""";

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestDatabase.create();
        fx = RebuildFixture.builder(db, PROJECTION).build();
        fx.rebuild(TestCatalogs.copySample(dir.resolve("sample")));
        kfm = new KfmProcess(db, PROJECTION, dir);
        db.execute(sql("known-changes.sql"));
        List<String> versions = column("""
                SELECT dataset_version_id FROM it_diff.feature_geom
                 GROUP BY 1 ORDER BY count(*) DESC, dataset_version_id COLLATE "C\"""");
        v1 = versions.get(0);
        v2 = versions.get(1);
        a = column(IDS, v1);
        b0 = column(IDS, v2).get(0);
        try (Connection c = db.connect()) {
            update(c, "DELETE FROM it_diff_shadow.feature_geom WHERE dataset_version_id = ? AND feature_id = ?", v1,
                    a.get(0));
            update(c, """
                    UPDATE it_diff_shadow.feature_geom SET geom = ST_Translate(geom, 0.001, 0)
                     WHERE dataset_version_id = ? AND feature_id IN (?, ?)""", v1, a.get(1), a.get(3));
            update(c, """
                    UPDATE it_diff_shadow.feature_geom SET properties = coalesce(properties, '{}') || '{"it": 1}'
                     WHERE dataset_version_id = ? AND feature_id IN (?, ?)""", v1, a.get(2), a.get(3));
            // provenance only: not a change of the feature
            update(c, """
                    UPDATE it_diff_shadow.feature_geom SET evidence_ref = 'moved', feature_index = 999
                     WHERE dataset_version_id = ? AND feature_id = ?""", v1, a.get(4));
            for (String id : List.of("zz-added-1", "zz-added-2")) {
                update(c, COPY_FEATURE, v1, id, v1, a.get(4));
            }
            update(c, """
                    UPDATE it_diff_shadow.feature_geom SET geom = ST_Translate(geom, 0, 0.5)
                     WHERE dataset_version_id = ? AND feature_id = ?""", v2, b0);
            update(c, """
                    INSERT INTO it_diff_shadow.dataset_version
                    SELECT ?, dataset_id, item_id, collection_id, 1, source_epsg, bbox, asset_hrefs, asset_checksums,
                           promoted_at
                      FROM it_diff.dataset_version WHERE dataset_version_id = ?""", NEW_VERSION, v1);
            update(c, COPY_FEATURE, NEW_VERSION, a.get(0), v1, a.get(0));
        }
    }

    @AfterAll
    static void tearDown() {
        fx.close();
        db.close();
    }

    @Test
    void reportsExactlyTheKnownIdsPerVersionAndEveryUnchangedVersion() throws IOException {
        JsonNode d = ok("diff", "--format", "json");

        assertEquals(PROJECTION, d.get("from").asText());
        assertEquals(SHADOW, d.get("to").asText());
        assertEquals(3, d.get("added").asLong(), d.toString());
        assertEquals(1, d.get("removed").asLong());
        assertEquals(4, d.get("changed").asLong());
        assertEquals(0, d.get("featuresWritten").asLong());
        Map<String, JsonNode> versions = byId(d);
        assertEquals(5, versions.size(), "the sample's four versions and the new one: " + versions.keySet());

        JsonNode one = versions.get(v1);
        assertEquals(List.of("zz-added-1", "zz-added-2"), ids(one, "addedIds"));
        assertEquals(List.of(a.get(0)), ids(one, "removedIds"));
        assertEquals(List.of(a.get(1), a.get(2), a.get(3)), ids(one, "changedIds"), "not " + a.get(4) + " (provenance)");
        assertEquals(2, one.get("geometryChanged").asLong());
        assertEquals(2, one.get("propertiesChanged").asLong());
        assertEquals(a.size(), one.get("fromRows").asLong());
        assertEquals(a.size() + 1, one.get("toRows").asLong());
        assertEquals(a.size() - 4, one.get("unchanged").asLong());

        JsonNode two = versions.get(v2);
        assertEquals(List.of(b0), ids(two, "changedIds"));
        assertEquals(1, two.get("geometryChanged").asLong());
        assertEquals(0, two.get("propertiesChanged").asLong());

        JsonNode added = versions.get(NEW_VERSION);
        assertEquals(0, added.get("fromRows").asLong());
        assertEquals(List.of(a.get(0)), ids(added, "addedIds"));

        versions.entrySet().stream().filter(e -> !List.of(v1, v2, NEW_VERSION).contains(e.getKey())).forEach(e -> {
            JsonNode v = e.getValue();
            assertEquals(0, v.get("added").asLong() + v.get("removed").asLong() + v.get("changed").asLong(), e.getKey());
            assertEquals(v.get("fromRows").asLong(), v.get("unchanged").asLong());
        });

        JsonNode back = ok("diff", "--from", SHADOW, "--to", "live", "--format", "json");
        assertEquals(List.of(a.get(0)), ids(byId(back).get(v1), "addedIds"), "the sides swap meaning");
        assertEquals(List.of("zz-added-1", "zz-added-2"), ids(byId(back).get(v1), "removedIds"));
    }

    @Test
    void limitCutsTheIdListsButNotTheCounts() throws IOException {
        JsonNode d = ok("diff", "--limit", "1", "--dataset-version", v1, "--format", "json");
        assertEquals(1, d.get("versions").size());
        JsonNode one = d.get("versions").get(0);
        assertEquals(List.of("zz-added-1"), ids(one, "addedIds"));
        assertEquals(List.of(a.get(1)), ids(one, "changedIds"));
        assertEquals(2, one.get("added").asLong());
        assertEquals(3, one.get("changed").asLong());

        JsonNode none = ok("diff", "--limit", "0", "--format", "json");
        assertEquals(4, none.get("changed").asLong());
        none.get("versions").forEach(v -> assertEquals(0, v.get("changedIds").size()));

        KfmProcess.Result text = kfm.run(120, "diff", "--limit", "1", "--dataset-version", v1);
        assertEquals(0, text.exit(), text.toString());
        assertTrue(text.stdout().contains("diff " + PROJECTION + " -> " + SHADOW + ": 2 added, 1 removed, 3 changed "
                + "in 1 dataset version(s)"), text.toString());
        assertTrue(text.stdout().contains("    added: zz-added-1 ... (1 more)"), text.toString());
        assertTrue(text.stdout().contains("    changed: " + a.get(1) + " ... (2 more)"), text.toString());
    }

    @Test
    void geojsonHoldsEveryDifferenceWithBothGeometries() throws IOException, SQLException {
        Path file = dir.resolve("changes.geojson");
        JsonNode d = ok("diff", "--dataset-version", v1, "--geojson", file.toString(), "--format", "json");
        assertEquals(6, d.get("featuresWritten").asLong());
        assertEquals(file.toAbsolutePath().toString(), d.get("geojson").asText());
        assertFalse(Files.exists(dir.resolve("changes.geojson.partial")));

        JsonNode fc = JSON.readTree(file.toFile());
        assertEquals("FeatureCollection", fc.get("type").asText());
        assertEquals(PROJECTION, fc.get("kfm:from").asText());
        Map<String, JsonNode> features = new TreeMap<>();
        fc.get("features").forEach(f -> features.put(f.get("properties").get("kfm:feature_id").asText(), f));
        assertEquals(List.of(a.get(0), a.get(1), a.get(2), a.get(3), "zz-added-1", "zz-added-2").stream().sorted()
                .toList(), List.copyOf(features.keySet()));

        JsonNode removed = features.get(a.get(0));
        assertEquals("removed", removed.get("properties").get("kfm:change").asText());
        assertEquals(geometry(PROJECTION, a.get(0)), removed.get("geometry"), "a map draws what was removed");
        assertTrue(removed.get("kfm:new_geometry").isNull());

        JsonNode moved = features.get(a.get(1));
        assertEquals("changed", moved.get("properties").get("kfm:change").asText());
        assertTrue(moved.get("properties").get("kfm:geometry_changed").asBoolean());
        assertFalse(moved.get("properties").get("kfm:properties_changed").asBoolean());
        assertEquals(geometry(PROJECTION, a.get(1)), moved.get("kfm:old_geometry"));
        assertEquals(geometry(SHADOW, a.get(1)), moved.get("kfm:new_geometry"));
        assertEquals(moved.get("kfm:new_geometry"), moved.get("geometry"));
        assertFalse(moved.get("kfm:old_geometry").equals(moved.get("kfm:new_geometry")));

        JsonNode props = features.get(a.get(2));
        assertEquals(1, props.get("kfm:new_properties").get("it").asInt());
        assertTrue(props.get("kfm:old_properties").path("it").isMissingNode());

        JsonNode added = features.get("zz-added-1");
        assertEquals("added", added.get("properties").get("kfm:change").asText());
        assertTrue(added.get("kfm:old_geometry").isNull());
        assertEquals(v1 + "/zz-added-1", added.get("id").asText());
    }

    @Test
    void refusesUnknownInvalidAndNonProjectionSchemasWithExitCode2() throws IOException {
        refused("schema-not-found", "diff", "--from", "no_such_schema", "--format", "json");
        refused("schema-not-found", "diff", "--from", "previous");
        refused("invalid-identifier", "diff", "--to", "Bad-Name");
        refused("not-a-projection", "diff", "--to", "public");
        refused("dataset-version-not-found", "diff", "--dataset-version", "no-such-version");
        refused("invalid-option", "diff", "--limit", "-1");
        Path missing = dir.resolve("no-dir/out.geojson");
        refused("invalid-option", "diff", "--geojson", missing.toString());
        assertFalse(Files.exists(missing.getParent()));
    }

    private static void refused(String rule, String... args) throws IOException {
        KfmProcess.Result r = kfm.run(120, args);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.stderr().contains("(rule " + rule + ", exit code 2)"), r.toString());
        if (List.of(args).contains("json")) {
            JsonNode error = CliJsonOutputsMatchTheirSchemasIT.document("error", r);
            assertEquals(rule, error.get("error").get("rule").asText());
        }
    }

    private static JsonNode ok(String... args) throws IOException {
        KfmProcess.Result r = kfm.run(180, args);
        assertEquals(0, r.exit(), r.toString());
        return CliJsonOutputsMatchTheirSchemasIT.document("diff", r);
    }

    private static Map<String, JsonNode> byId(JsonNode d) {
        Map<String, JsonNode> m = new TreeMap<>();
        d.get("versions").forEach(v -> m.put(v.get("datasetVersionId").asText(), v));
        return m;
    }

    private static List<String> ids(JsonNode version, String field) {
        List<String> out = new ArrayList<>();
        version.get(field).forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode geometry(String schema, String featureId) throws IOException, SQLException {
        List<String> g = column("""
                SELECT ST_AsGeoJSON(geom) FROM %s.feature_geom WHERE dataset_version_id = ? AND feature_id = ?"""
                .formatted(schema), v1, featureId);
        return JSON.readTree(g.get(0));
    }

    private static String sql(String name) {
        try {
            return Files.readString(TestDatabase.repoRoot().resolve("src/test/resources/sql/diff/" + name),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> column(String sql, String... params) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static void update(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            assertTrue(ps.executeUpdate() > 0, sql);
        }
    }
}
