package org.kfm.projection.catalog;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A promoted catalog as read: every item reachable from the root, sorted by dataset version id,
 * and the catalog digest.
 *
 * @param root where the root catalog document was read from
 * @param items sorted by {@link CatalogItem#datasetVersionId()} (code point order)
 * @param digest {@code sha256:} + 64 hex digits over the item ids, dataset version ids and data
 *     asset checksums (see {@code docs/inputs.md}); equal digests mean the same promoted inputs
 */
public record Catalog(URI root, List<CatalogItem> items, String digest) {
    public Catalog {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(digest, "digest");
        items = List.copyOf(items);
    }

    /** The item for a dataset version id, if the catalog has it. */
    public Optional<CatalogItem> item(String datasetVersionId) {
        return items.stream().filter(i -> i.datasetVersionId().equals(datasetVersionId)).findFirst();
    }
}
