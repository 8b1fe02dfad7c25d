package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.RebuildFixture.Snapshot;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * A rebuild of a catalog with one artifact larger than the split threshold (64 MiB) on two COPY streams
 * splits it (docs/loader.md, "One big artifact"), swaps in the same digests the loader computed, and a
 * malformed feature in the middle of such an artifact fails the run naming artifact and position, with
 * live untouched and nothing of the version in the kept shadow.
 */
class OneBigArtifactSplitRebuildIT {
    /** ~74 MB of GeoJSON at the generator's default precision: above the 64 MiB threshold. */
    private static final long FEATURES = 200_000;
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        fx = RebuildFixture.builder(db, "it_split").parallelism(2).build();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void oneBigArtifactIsSplitAndAMalformedFeatureInItFailsTheRunWithLiveUntouched() throws Exception {
        Path catalog = TestCatalogs.generate(dir.resolve("big"), FEATURES, 5, 1);
        Path item = dir.resolve("big/synthetic/synthetic-1/synthetic-1.json");
        Path data = item.resolveSibling("synthetic-1.geojson");
        assertTrue(Files.size(data) > 64L * 1024 * 1024, "above the split threshold: " + Files.size(data));

        RebuildResult ok = fx.rebuild(catalog);

        assertEquals(RunOutcome.SUCCEEDED, ok.outcome(), ok.summary());
        Snapshot live = fx.liveSnapshot();
        assertEquals(FEATURES, live.rowsPerVersion().get("synthetic-1-s5"));
        assertEquals(ok.receipt().at("/load/datasets/0/geometryDigest").asText(),
                live.digests().get("synthetic-1-s5"));
        assertEquals(2L, query("SELECT count(DISTINCT xmin::text) FROM it_split.feature_geom"),
                "written by two COPY streams, one transaction each");

        TestCatalogs.editAsset(item, "data", text -> {
            int middle = text.indexOf("\"type\":\"Point\"", text.length() / 2);
            return text.substring(0, middle) + "\"type\":\"Poimt\"" + text.substring(middle + 14);
        });
        Long generation = fx.liveGeneration();

        KfmException e = fx.rebuildFails(RebuildFixture.forced(catalog));

        fx.assertLiveUntouched(e, live, generation, ErrorCode.BAD_INPUT, "unsupported-geometry-type", true);
        assertTrue(e.getMessage().contains(data.toUri() + " at line "), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*\\(feature \\d+, id \"s1-\\d+\".*"), e.getMessage());
        assertEquals(0L, query("SELECT (SELECT count(*) FROM " + fx.shadow() + ".feature_geom) + (SELECT count(*) FROM "
                + fx.shadow() + ".dataset_version)"), "nothing of the version in the kept shadow");
    }

    private static long query(String sql) throws SQLException {
        try (Connection c = fx.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
