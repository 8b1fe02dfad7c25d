package org.kfm.projection.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ShownTest {
    @Test
    void controlCharactersCannotStartALine() {
        String forged = "otto\n2026-12-02 17:00:00 INFO audit: principal=admin\r\u0000\u2028\u0085";
        String shown = Shown.escape(forged);
        assertFalse(shown.contains("\n") || shown.contains("\r") || shown.contains("\u2028")
                || shown.contains("\u0085") || shown.contains("\u0000"), shown);
        assertEquals("otto\\n2026-12-02 17:00:00 INFO audit: principal=admin\\r\\u0000\\u2028\\u0085", shown);
        assertEquals("a\\\\nb", Shown.escape("a\\nb"), "a backslash is doubled, so an escape cannot be faked");
    }

    @Test
    void longValuesAreCutWithTheirLength() {
        assertEquals("x".repeat(Shown.MAX_CHARS) + "… (10485760 characters)", Shown.value("x".repeat(10 * 1024 * 1024)));
        assertEquals("short", Shown.value("short"));
        assertNull(Shown.value(null));
    }
}
