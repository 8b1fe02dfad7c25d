package org.kfm.projection.api;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import org.kfm.projection.settings.ServiceSettings;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.Shown;
import org.kfm.projection.run.CatalogLocations;

/**
 * Which catalogs a caller may name: locations under {@code kfm.api.allowed-catalog-prefixes}
 * (default: only the configured catalog), judged by {@link CatalogLocations} on real paths. A run
 * of a catalog the caller named reads only what the same policy admits (every linked document and
 * asset); naming the configured catalog is the same as naming none, and the configured catalog is
 * the operator's choice, read wherever its links go.
 */
@Singleton
public class CatalogPolicy {
    private final CatalogLocations locations;
    private final Optional<URI> configured;

    @Inject
    public CatalogPolicy(ServiceSettings service, Settings settings) {
        this(service, settings.catalogUri());
    }

    CatalogPolicy(ServiceSettings service, Optional<String> configuredCatalog) {
        this.locations = new CatalogLocations(service.allowedCatalogPrefixes());
        Optional<URI> c;
        try {
            c = configuredCatalog.map(CatalogLocations::location);
        } catch (KfmException e) {
            c = Optional.empty();
        }
        this.configured = c;
    }

    /**
     * @return the normalized location, or empty when the caller named none (or the configured one)
     * @throws InvalidFieldException rule {@code invalid-catalog-uri} or {@code catalog-not-allowed}
     */
    Optional<String> check(String field, String catalog) {
        if (catalog == null) {
            return Optional.empty();
        }
        URI location;
        try {
            location = CatalogLocations.location(catalog);
        } catch (KfmException e) {
            throw new InvalidFieldException("invalid-catalog-uri", field, field + ": '" + Shown.value(catalog)
                    + "' is not a path, file: URI or s3://bucket/key");
        }
        if (configured.isPresent() && configured.get().equals(location)) {
            return Optional.empty();
        }
        if (!locations.admits(location)) {
            throw new InvalidFieldException(CatalogLocations.RULE, field, field + ": " + Shown.value(location.toString())
                    + " is " + locations.refusal());
        }
        return Optional.of(location.toString());
    }

    /** What the run of a checked catalog may read: the allowed prefixes when the caller named one. */
    CatalogLocations readsOf(Optional<String> checked) {
        return checked.isPresent() ? locations : CatalogLocations.unrestricted();
    }
}
