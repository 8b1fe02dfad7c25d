package org.kfm.projection.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DetailsTest {
    @Test
    void javaClassNamesAreLeftOut() {
        assertEquals("file:///data/x.json: store-error: cannot read: /data/x.json",
                Details.clean("file:///data/x.json: store-error: cannot read: java.nio.file.AccessDeniedException: "
                        + "/data/x.json"));
        assertEquals("unexpected: boom", Details.clean("unexpected: IllegalStateException: boom"));
    }

    @Test
    void pathsAndUrisAreKept() {
        String detail = "/srv/kfm/Catalog.json at /links/0/href: href 'kfm.example/A.json' is not usable";
        assertEquals(detail, Details.clean(detail));
    }
}
