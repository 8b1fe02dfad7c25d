package org.kfm.projection.validate;

/**
 * The parity rules, each with the stable kebab-case id that findings, receipts and JSON reports
 * carry. Ids are a contract: add, never rename.
 */
public enum ParityRule {
    /** Rule 1: rows in {@code feature_geom} = declared count = features read. */
    ROW_COUNT("row-count"),
    /** Rule 1: a catalog dataset version has no {@code dataset_version} row in the shadow. */
    DATASET_VERSION_MISSING("dataset-version-missing"),
    /** Rule 1: the shadow holds a dataset version the catalog does not list. */
    DATASET_VERSION_UNEXPECTED("dataset-version-unexpected"),
    /** Rule 2: the digest computed in SQL differs from the one computed while loading. */
    GEOMETRY_DIGEST("geometry-digest"),
    /**
     * Rule 2 for a version an incremental rebuild carried from live: its rows in the shadow reproduce
     * the row count and digest recorded for it when live was swapped in.
     */
    CARRIED_ROWS("carried-rows"),
    /** Rule 3: the same dataset version has a different digest in live and shadow. */
    LIVE_DIGEST_CHANGED("live-digest-changed"),
    /** Rule 4: geometries whose SRID is not the target SRID. */
    SRID("srid"),
    /** Rule 4: geometries for which {@code ST_IsValid} is false. */
    INVALID_GEOMETRY("invalid-geometry"),
    /** Rule 4: geometries for which {@code ST_IsEmpty} is true. */
    EMPTY_GEOMETRY("empty-geometry"),
    /** Rule 4, input side: rings the loader closed under {@code kfm.input.unclosed-ring = close} (info). */
    CLOSED_RING("closed-ring"),
    /** Rule 5: the dataset version's extent is outside its catalog bbox. */
    EXTENT("extent"),
    /** Rule 6: the shadow has fewer rows than the configured fraction of live. */
    SHRINK("shrink"),
    /** Rule 7: the reader role lacks USAGE on the shadow schema or SELECT on one of its tables. */
    READER_GRANT("reader-grant");

    private final String id;

    ParityRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
