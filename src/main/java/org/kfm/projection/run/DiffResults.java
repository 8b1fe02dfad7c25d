package org.kfm.projection.run;

import java.util.List;
import java.util.Optional;
import org.kfm.projection.diff.DiffReport;
import org.kfm.projection.diff.VersionDiff;

/**
 * What {@code diff} returns to the entry points, mapped from the {@code diff} step's records so that
 * the CLI never imports the step.
 */
public final class DiffResults {
    private DiffResults() {
    }

    /**
     * @param from the schema compared from (e.g. live)
     * @param to the schema compared to (e.g. the kept shadow)
     * @param datasetVersion the one version compared, when the caller named one
     * @param limit the most ids listed per version and kind
     * @param geojson the GeoJSON file written, when asked for
     * @param featuresWritten features written to it (every differing feature)
     */
    public record Diff(String from, String to, Optional<String> datasetVersion, int limit, Optional<String> geojson,
            long featuresWritten, List<Version> versions) {
        public Diff {
            versions = List.copyOf(versions);
        }

        public long added() {
            return versions.stream().mapToLong(Version::added).sum();
        }

        public long removed() {
            return versions.stream().mapToLong(Version::removed).sum();
        }

        public long changed() {
            return versions.stream().mapToLong(Version::changed).sum();
        }
    }

    /** One dataset version's differences; ids are the first ones in byte order, at most {@code limit} each. */
    public record Version(String datasetVersionId, long fromRows, long toRows, long added, long removed,
            long changed, long geometryChanged, long propertiesChanged, long unchanged, List<String> addedIds,
            List<String> removedIds, List<String> changedIds) {
        static Version of(VersionDiff v) {
            return new Version(v.datasetVersionId(), v.fromRows(), v.toRows(), v.added(), v.removed(), v.changed(),
                    v.geometryChanged(), v.propertiesChanged(), v.unchanged(), v.addedIds(), v.removedIds(),
                    v.changedIds());
        }
    }

    static Diff of(DiffReport r, Optional<String> datasetVersion, Optional<String> geojson, long written) {
        return new Diff(r.from(), r.to(), datasetVersion, r.limit(), geojson, written,
                r.versions().stream().map(Version::of).toList());
    }
}
