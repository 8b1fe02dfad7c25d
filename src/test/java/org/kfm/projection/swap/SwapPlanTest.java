package org.kfm.projection.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

class SwapPlanTest {
    private final GenerationNames n = new GenerationNames(PgIdentifier.of("kfm_index"));

    private static SchemaState state(String... namesAndComments) {
        Map<String, String> m = new HashMap<>();
        for (String s : namesAndComments) {
            String[] parts = s.split("=", 2);
            m.put(parts[0], parts.length > 1 ? parts[1] : null);
        }
        return new SchemaState(m);
    }

    private static List<String> renames(SwapPlan p) {
        return p.renames().stream().map(r -> r.from() + ">" + r.to()).toList();
    }

    @Test
    void firstSwapOnlyRenamesTheShadow() {
        SwapPlan p = SwapPlan.swap(n, state("kfm_index_shadow"), 1);
        assertEquals(List.of("kfm_index_shadow>kfm_index"), renames(p));
        assertTrue(p.previous().isEmpty());
    }

    @Test
    void secondSwapKeepsLiveAsPrevious() {
        SwapPlan p = SwapPlan.swap(n, state("kfm_index_shadow", "kfm_index"), 2);
        assertEquals(List.of("kfm_index>kfm_index_prev", "kfm_index_shadow>kfm_index"), renames(p));
    }

    @Test
    void oldPreviousIsRetiredUnderItsRecordedGeneration() {
        SwapPlan p = SwapPlan.swap(n, state("kfm_index_shadow", "kfm_index",
                "kfm_index_prev=kfm-projection generation 41"), 43);
        assertEquals(List.of("kfm_index_prev>kfm_index_retired_41", "kfm_index>kfm_index_prev",
                "kfm_index_shadow>kfm_index"), renames(p));
        assertEquals("kfm_index_retired_41", p.retired().orElseThrow().name());
    }

    @Test
    void previousWithoutRecordIsRetiredUnderTheNewGeneration() {
        SwapPlan p = SwapPlan.swap(n, state("kfm_index_shadow", "kfm_index", "kfm_index_prev"), 43);
        assertEquals("kfm_index_retired_43", p.retired().orElseThrow().name());
    }

    @Test
    void takenRetiredNameIsRefused() {
        KfmException e = assertThrows(KfmException.class, () -> SwapPlan.swap(n, state("kfm_index_shadow",
                "kfm_index", "kfm_index_prev=kfm-projection generation 3", "kfm_index_retired_3"), 5));
        assertEquals("swap-name-taken", e.rule());
    }

    @Test
    void missingShadowIsRefused() {
        assertEquals("no-shadow", assertThrows(KfmException.class,
                () -> SwapPlan.swap(n, state("kfm_index"), 2)).rule());
    }

    @Test
    void rollbackTradesLiveAndPreviousThroughATemporaryName() {
        SwapPlan p = SwapPlan.rollback(n, state("kfm_index=kfm-projection generation 5",
                "kfm_index_prev=kfm-projection generation 4"));
        assertEquals(List.of("kfm_index>kfm_index_rollback", "kfm_index_prev>kfm_index",
                "kfm_index_rollback>kfm_index_prev"), renames(p));
        assertEquals(OptionalLong.of(4), p.liveGeneration());
    }

    @Test
    void rollbackWithoutLiveRestoresPrevious() {
        assertEquals(List.of("kfm_index_prev>kfm_index"), renames(SwapPlan.rollback(n, state("kfm_index_prev"))));
    }

    @Test
    void rollbackWithoutPreviousIsBadUsage() {
        KfmException e = assertThrows(KfmException.class, () -> SwapPlan.rollback(n, state("kfm_index")));
        assertEquals("no-previous-generation", e.rule());
        assertEquals(ErrorCode.BAD_USAGE, e.code());
        assertTrue(e.getMessage().contains("kfm_index_prev"), e.getMessage());
    }

    @Test
    void retiredNamesAreRecognised() {
        assertEquals(OptionalLong.of(12), n.retiredGeneration("kfm_index_retired_12"));
        assertTrue(n.retiredGeneration("kfm_index_retired_x").isEmpty());
        assertTrue(n.retiredGeneration("kfm_index_prev").isEmpty());
    }
}
