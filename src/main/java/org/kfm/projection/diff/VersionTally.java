package org.kfm.projection.diff;

import java.util.ArrayList;
import java.util.List;

/** Counts one dataset version's differences as they stream by, keeping at most {@code limit} ids per kind. */
final class VersionTally {
    private final String datasetVersionId;
    private final long fromRows;
    private final long toRows;
    private final int limit;
    private long added;
    private long removed;
    private long changed;
    private long geometryChanged;
    private long propertiesChanged;
    private final List<String> addedIds = new ArrayList<>();
    private final List<String> removedIds = new ArrayList<>();
    private final List<String> changedIds = new ArrayList<>();

    VersionTally(String datasetVersionId, long fromRows, long toRows, int limit) {
        this.datasetVersionId = datasetVersionId;
        this.fromRows = fromRows;
        this.toRows = toRows;
        this.limit = limit;
    }

    void count(ChangedFeature f) {
        switch (f.change()) {
            case ADDED -> added = keep(addedIds, added, f.featureId());
            case REMOVED -> removed = keep(removedIds, removed, f.featureId());
            case CHANGED -> {
                changed = keep(changedIds, changed, f.featureId());
                geometryChanged += f.geometryChanged() ? 1 : 0;
                propertiesChanged += f.propertiesChanged() ? 1 : 0;
            }
        }
    }

    private long keep(List<String> ids, long count, String id) {
        if (ids.size() < limit) {
            ids.add(id);
        }
        return count + 1;
    }

    VersionDiff result() {
        return new VersionDiff(datasetVersionId, fromRows, toRows, added, removed, changed, geometryChanged,
                propertiesChanged, addedIds, removedIds, changedIds);
    }
}
