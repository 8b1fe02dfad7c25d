package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The orchestrator replaces the closing shadow note of swap and parity messages with its own. */
class ShadowNoteTest {

    @Test
    void dropsTheSwapsClosingNote() {
        assertEquals("refusing to swap: ...\nBuild such objects inside the generation, or drop them.",
                ShadowSchema.withoutShadowNote("refusing to swap: ...\nBuild such objects inside the "
                        + "generation, or drop them. Live projection untouched; shadow kept as kfm_index_shadow for "
                        + "inspection."));
    }

    @Test
    void dropsParitysClosingNoteAndEndsTheSentence() {
        assertEquals("parity validation of s could not run: boom (SQLSTATE 57014). Nothing was changed.",
                ShadowSchema.withoutShadowNote("parity validation of s could not run: boom (SQLSTATE 57014)."
                        + " Nothing was changed; live projection untouched; shadow kept as s for inspection."));
    }

    @Test
    void leavesOtherMessagesAlone() {
        String blocked = "could not swap: all 5 attempts were blocked. Nothing was changed: live projection "
                + "untouched. Let those sessions finish, then run it again.";
        assertEquals(blocked, ShadowSchema.withoutShadowNote(blocked));
        assertEquals("load cancelled at a, feature 3", ShadowSchema.withoutShadowNote(
                "load cancelled at a, feature 3"));
    }
}
