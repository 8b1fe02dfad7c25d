package org.kfm.projection.diff;

import java.util.List;

/**
 * The difference of one dataset version between two schemas: counts of all differing features, and
 * the first ids of each kind (in feature id order, byte-wise), at most the requested limit each.
 *
 * @param fromRows features of the version on the {@code from} side
 * @param toRows features of the version on the {@code to} side
 * @param geometryChanged changed features whose geometry differs (a feature may count here and in
 *     {@code propertiesChanged})
 */
public record VersionDiff(String datasetVersionId, long fromRows, long toRows, long added, long removed, long changed,
        long geometryChanged, long propertiesChanged, List<String> addedIds, List<String> removedIds,
        List<String> changedIds) {
    public VersionDiff {
        addedIds = List.copyOf(addedIds);
        removedIds = List.copyOf(removedIds);
        changedIds = List.copyOf(changedIds);
    }

    /** Features on both sides that are identical. */
    public long unchanged() {
        return fromRows - removed - changed;
    }
}
