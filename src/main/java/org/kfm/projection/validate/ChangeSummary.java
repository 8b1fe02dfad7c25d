package org.kfm.projection.validate;

import java.util.List;
import java.util.Optional;

/**
 * How the shadow differs from live, by dataset version, for the swap's NOTIFY payload. Without a
 * live generation every shadow dataset version counts as added.
 *
 * @param added          dataset versions in the shadow but not in live, sorted
 * @param changed        dataset versions in both with different digests, sorted
 * @param removed        dataset versions in live but not in the shadow, sorted
 * @param unchangedCount dataset versions in both with the same digest
 * @param extent         the union (WGS 84) of the extents of added and removed versions and of both
 *                       the live and shadow extents of changed ones; empty when nothing changed
 */
public record ChangeSummary(List<String> added, List<String> changed, List<String> removed, int unchangedCount,
                            Optional<Extent> extent) {
    public ChangeSummary {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }
}
