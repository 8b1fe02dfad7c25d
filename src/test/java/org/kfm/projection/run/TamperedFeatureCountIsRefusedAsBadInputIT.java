package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
 * A declared {@code kfm:feature_count} that disagrees with the artifact is caught by the loader
 * before parity runs: the rebuild fails with BAD_INPUT (exit 5, rule {@code feature-count-mismatch})
 * naming the item, both counts and the JSON pointer, every time, whether the count is too high or
 * too low. Parity's row-count rule (exit 4) never sees it. Live untouched, shadow kept.
 *
 * <p>The declared count is metadata, not part of the catalog digest (docs/inputs.md): a count edited
 * in place, without a new dataset version, is seen as an unchanged catalog and skipped unless forced.
 */
class TamperedFeatureCountIsRefusedAsBadInputIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Snapshot live;

    @TempDir
    static Path dir;

    @BeforeAll
    static void liveGeneration() {
        fx = RebuildFixture.builder(db, "it_count").build();
        assertEquals(1L, fx.rebuild(TestCatalogs.copySample(dir.resolve("sample"))).generation());
        live = fx.liveSnapshot();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void aNewVersionDeclaringMoreFeaturesThanItsArtifactHoldsIsBadInput() {
        Path catalog = tampered("more", 13, "kansas-landmarks-20250901");

        KfmException e = fx.rebuildFails(RebuildFixture.request(catalog));

        JsonNode run = fx.assertLiveUntouched(e, live, 1L, ErrorCode.BAD_INPUT, "feature-count-mismatch", true);
        assertEquals(5, e.code().exitCode());
        assertTrue(e.getMessage().contains("declares 13 features, its data assets hold 12"), e.getMessage());
        assertTrue(e.getMessage().contains("/properties/kfm:feature_count"), e.getMessage());
        assertTrue(e.getMessage().contains("kansas-landmarks-20250901"), e.getMessage());
        assertFalse(run.get("receipt").has("parity"), "the load failed: parity never ran");
    }

    @Test
    void fewerFeaturesThanTheArtifactHoldsIsBadInputToo() {
        Path catalog = tampered("fewer", 7, "kansas-rivers-20250901");

        KfmException e = fx.rebuildFails(RebuildFixture.request(catalog));

        fx.assertLiveUntouched(e, live, 1L, ErrorCode.BAD_INPUT, "feature-count-mismatch", true);
        assertTrue(e.getMessage().contains("declares 7 features, its data assets hold 8"), e.getMessage());
    }

    @Test
    void aCountEditedInPlaceIsSkippedAsUnchangedAndRefusedWhenForced() {
        Path catalog = tampered("in-place", 13, null);

        RebuildResult skipped = fx.rebuild(catalog);
        assertEquals(RunOutcome.SKIPPED, skipped.outcome(), "the digest covers ids and checksums, not counts");

        KfmException e = fx.rebuildFails(RebuildFixture.forced(catalog));
        fx.assertLiveUntouched(e, live, 1L, ErrorCode.BAD_INPUT, "feature-count-mismatch", true);
    }

    /** The sample with one item's declared count replaced, and its dataset version id when given. */
    private static Path tampered(String name, long count, String newVersionId) {
        Path d = dir.resolve(name);
        Path catalog = TestCatalogs.copySample(d);
        String item = newVersionId != null && newVersionId.startsWith("kansas-rivers") ? TestCatalogs.RIVERS
                : TestCatalogs.LANDMARKS;
        TestCatalogs.editProperties(d.resolve(item), p -> {
            p.put("kfm:feature_count", count);
            if (newVersionId != null) {
                p.put("kfm:dataset_version_id", newVersionId);
            }
        });
        return catalog;
    }
}
