package org.kfm.projection.validate;

import org.kfm.projection.digest.DigestText;

/**
 * What one aggregate scan found for one dataset version of a generation.
 *
 * @param extent the 2D extent of geometries with the target SRID, in that SRID's units; null when none
 * @param otherSridMin smallest SRID other than the target, or 0 when every geometry has the target SRID
 * @param otherSridMax largest SRID other than the target, or 0
 */
record VersionStats(String datasetVersionId, long rows, String digest, long sridMismatches, int otherSridMin,
                    int otherSridMax, long invalid, long empty, Extent extent) {

    /** A dataset version with a {@code dataset_version} row and no features. */
    static VersionStats none(String datasetVersionId) {
        return new VersionStats(datasetVersionId, 0, DigestText.EMPTY, 0, 0, 0, 0, 0, null);
    }

    /** The SRIDs found instead of the target, e.g. {@code 3857} or {@code 3857..26914}. */
    String otherSrids() {
        return otherSridMin == otherSridMax ? Integer.toString(otherSridMin) : otherSridMin + ".." + otherSridMax;
    }
}
