package org.kfm.projection.diff;

import java.util.List;

/**
 * The difference between two projection schemas, per dataset version present on either side.
 *
 * @param limit the most ids listed per version and kind
 */
public record DiffReport(String from, String to, int limit, List<VersionDiff> versions) {
    public DiffReport {
        versions = List.copyOf(versions);
    }
}
