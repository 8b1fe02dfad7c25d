package org.kfm.projection.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.catalog.LocationPolicy;
import org.kfm.projection.settings.ServiceSettings;

class CatalogPolicyTest {
    @TempDir
    Path tmp;

    private CatalogPolicy policy(List<URI> prefixes, Optional<String> configured) {
        return new CatalogPolicy(new ServiceSettings(prefixes, Optional.empty(), List.of(), Duration.ofSeconds(1), 1,
                Duration.ZERO, Duration.ofSeconds(1)), configured);
    }

    private CatalogPolicy policy() {
        return policy(List.of(URI.create("file:///data/catalogs/"), URI.create("s3://bucket/promoted")),
                Optional.empty());
    }

    @Test
    void acceptsLocationsUnderAPrefixNormalized() {
        assertEquals(Optional.of("file:///data/catalogs/a/catalog.json"),
                policy().check("catalog", "/data/catalogs/./a/catalog.json"));
        assertEquals(Optional.of("s3://bucket/promoted/catalog.json"),
                policy().check("catalog", "s3://bucket/promoted/catalog.json"));
        assertEquals(Optional.empty(), policy().check("catalog", null));
    }

    @Test
    void refusesSiblingsClimbersAndEncodedDotSegments() {
        for (String bad : List.of("/data/catalogs-old/catalog.json", "/data/catalogs/../secret/catalog.json",
                "file:///data/catalogs/%2e%2e/secret/catalog.json", "s3://bucket/promoted-x/catalog.json",
                "s3://other/promoted/catalog.json", "s3://bucket/promoted/%2e%2e/x/catalog.json")) {
            InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> policy().check("catalog", bad),
                    bad);
            assertEquals("catalog", e.field());
            assertEquals("catalog-not-allowed", e.rule());
        }
    }

    @Test
    void refusesWhatIsNotALocation() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> policy().check("catalog", " "));
        assertEquals("invalid-catalog-uri", e.rule());
    }

    @Test
    void aSymlinkInsideAnAllowedDirectoryPointingOutsideIsRefused() throws IOException {
        Path allowed = Files.createDirectories(tmp.resolve("allowed"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("catalog.json"), "root:x:0:0");
        Files.createSymbolicLink(allowed.resolve("link.json"), outside.resolve("catalog.json"));
        Files.createSymbolicLink(allowed.resolve("dir"), outside);
        Files.createSymbolicLink(allowed.resolve("dangling.json"), outside.resolve("nothing.json"));
        Files.createSymbolicLink(allowed.resolve("inside.json"), allowed.resolve("real.json"));
        Files.writeString(allowed.resolve("real.json"), "{}");
        CatalogPolicy p = policy(List.of(allowed.toUri()), Optional.empty());
        for (String bad : List.of("link.json", "dir/catalog.json", "dir/nothing.json", "dangling.json",
                "dir/deeper/none.json")) {
            InvalidFieldException e = assertThrows(InvalidFieldException.class,
                    () -> p.check("catalog", allowed.resolve(bad).toString()), bad);
            assertEquals("catalog-not-allowed", e.rule(), bad);
            assertEquals(false, e.getMessage().contains(outside.toString()), e.getMessage());
        }
        assertEquals(Optional.of(allowed.resolve("inside.json").toUri().toString()),
                p.check("catalog", allowed.resolve("inside.json").toString()));
        assertEquals(Optional.of(allowed.resolve("not-yet/catalog.json").toUri().toString()),
                p.check("catalog", allowed.resolve("not-yet/catalog.json").toString()));
    }

    @Test
    void theRefusalReadsTheSameWhetherOrNotTheOutsideTargetExists() throws IOException {
        Path allowed = Files.createDirectories(tmp.resolve("allowed"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("exists.json"), "{}");
        CatalogPolicy p = policy(List.of(allowed.toUri()), Optional.empty());
        String a = assertThrows(InvalidFieldException.class, () -> p.check("catalog",
                outside.resolve("exists.json").toString())).getMessage().replace("exists", "X");
        String b = assertThrows(InvalidFieldException.class, () -> p.check("catalog",
                outside.resolve("absent.json").toString())).getMessage().replace("absent", "X");
        assertEquals(a, b);
    }

    @Test
    void aNamedCatalogIsReadUnderThePolicyAndTheConfiguredOneIsNot() {
        CatalogPolicy p = policy(List.of(URI.create("file:///data/catalogs/")), Optional.of("/srv/kfm/catalog.json"));
        assertEquals(Optional.empty(), p.check("catalog", "file:///srv/kfm/catalog.json"));
        assertEquals(true, p.readsOf(Optional.empty()).admits(URI.create("file:///etc/passwd")));
        LocationPolicy named = p.readsOf(p.check("catalog", "/data/catalogs/a/catalog.json"));
        assertEquals(false, named.admits(URI.create("file:///etc/passwd")));
        assertEquals(true, named.admits(URI.create("file:///data/catalogs/a/item.json")));
    }

    @Test
    void aLongValueIsShownShortAndEscaped() {
        String value = "/elsewhere/\n" + "z".repeat(10_000);
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> policy().check("catalog", value));
        assertEquals(true, e.getMessage().length() < 400, e.getMessage());
    }
}
