package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * Two rebuilds of the same catalog (the second forced) give the same digest for every dataset
 * version and the same rows, column for column: geometry as EWKB, properties, evidence_ref,
 * updated_at, feature_index, and the dataset_version rows. Compared across the two generations,
 * live and previous. The sample covers every format, a reprojection (UTM 14N) and Z coordinates.
 */
class RebuildIsDeterministicIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        fx = RebuildFixture.builder(db, "it_determinism").build();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void twoRebuildsOfOneCatalogGiveIdenticalDigestsAndRows() {
        Path catalog = TestCatalogs.copySample(dir);
        RebuildResult first = fx.rebuild(catalog);
        RebuildResult second = fx.rebuild(RebuildFixture.forced(catalog));
        assertEquals(List.of(1L, 2L), List.of(first.generation(), second.generation()));

        RebuildFixture.Snapshot live = fx.liveSnapshot();
        RebuildFixture.Snapshot previous = fx.snapshot(fx.previous());
        assertEquals(4, live.digests().size(), live.toString());
        assertEquals(previous.digests(), live.digests());
        assertEquals(previous.rowsPerVersion(), live.rowsPerVersion());
        assertEquals(rows(RebuildFixture.rowsSql(fx.previous())), rows(RebuildFixture.rowsSql(fx.live())));
        assertEquals(previous.rowsHash(), live.rowsHash());
        assertEquals(rows(datasetVersionsSql(fx.previous())), rows(datasetVersionsSql(fx.live())));
        assertEquals(first.receipt().at("/load/datasets"), second.receipt().at("/load/datasets"));
        Map<String, String> digests = live.digests();
        assertEquals(digests.keySet(), previous.rowsPerVersion().keySet());
    }

    private static String datasetVersionsSql(PgIdentifier schema) {
        return "SELECT to_jsonb(d)::text FROM " + schema.quoted() + ".dataset_version d ORDER BY dataset_version_id";
    }

    private static List<String> rows(String sql) {
        return fx.rows(sql).stream().map(r -> r.get(0)).toList();
    }
}
