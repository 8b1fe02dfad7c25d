package org.kfm.projection.api;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.settings.ServiceSettings;
import org.kfm.projection.error.KfmException;

/**
 * Which catalogs a caller may name: locations under {@code kfm.api.allowed-catalog-prefixes}
 * (default: only the configured catalog). Compared after normalization (dot segments removed,
 * relative paths made absolute), on a path-segment boundary, so {@code /data/a} never admits
 * {@code /data/ab} or {@code /data/a/../b}.
 */
@Singleton
public class CatalogPolicy {
    private final List<URI> prefixes;

    @Inject
    public CatalogPolicy(ServiceSettings settings) {
        this.prefixes = settings.allowedCatalogPrefixes();
    }

    /**
     * @return the normalized location, or empty when the caller named none
     * @throws InvalidFieldException rule {@code invalid-catalog-uri} or {@code catalog-not-allowed}
     */
    Optional<String> check(String field, String catalog) {
        if (catalog == null) {
            return Optional.empty();
        }
        URI location;
        try {
            location = ArtifactStores.location(catalog);
        } catch (KfmException e) {
            throw new InvalidFieldException("invalid-catalog-uri", field, field + ": " + e.getMessage());
        }
        if (hasDotSegment(location) || prefixes.stream().noneMatch(p -> under(location, p))) {
            throw new InvalidFieldException("catalog-not-allowed", field, field + ": " + location + " is not under "
                    + "any allowed catalog prefix " + prefixes + " (kfm.api.allowed-catalog-prefixes)");
        }
        return Optional.of(location.toString());
    }

    /** Encoded dot segments ({@code %2e%2e}) survive normalization and would climb out once decoded. */
    private static boolean hasDotSegment(URI location) {
        String path = location.getPath();
        return path != null && List.of(path.split("/")).stream().anyMatch(s -> s.equals("..") || s.equals("."));
    }

    static boolean under(URI location, URI prefix) {
        String l = location.toString();
        String p = prefix.toString();
        return l.equals(p) || l.startsWith(p.endsWith("/") ? p : p + "/");
    }
}
