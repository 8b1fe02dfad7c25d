package org.kfm.projection.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kfm.projection.config.ServiceSettings;

class CatalogPolicyTest {
    private final CatalogPolicy policy = new CatalogPolicy(new ServiceSettings(
            List.of(URI.create("file:///data/catalogs/"), URI.create("s3://bucket/promoted")), Optional.empty(),
            List.of(), Duration.ofSeconds(1), 1, Duration.ZERO, Optional.empty(), Duration.ofSeconds(1)));

    @Test
    void acceptsLocationsUnderAPrefixNormalized() {
        assertEquals(Optional.of("file:///data/catalogs/a/catalog.json"),
                policy.check("catalog", "/data/catalogs/./a/catalog.json"));
        assertEquals(Optional.of("s3://bucket/promoted/catalog.json"),
                policy.check("catalog", "s3://bucket/promoted/catalog.json"));
        assertEquals(Optional.empty(), policy.check("catalog", null));
    }

    @Test
    void refusesSiblingsClimbersAndEncodedDotSegments() {
        for (String bad : List.of("/data/catalogs-old/catalog.json", "/data/catalogs/../secret/catalog.json",
                "file:///data/catalogs/%2e%2e/secret/catalog.json", "s3://bucket/promoted-x/catalog.json",
                "s3://other/promoted/catalog.json")) {
            InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> policy.check("catalog", bad),
                    bad);
            assertEquals("catalog", e.field());
            assertEquals("catalog-not-allowed", e.rule());
        }
    }

    @Test
    void refusesWhatIsNotALocation() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> policy.check("catalog", " "));
        assertEquals("invalid-catalog-uri", e.rule());
    }
}
