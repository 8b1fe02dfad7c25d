-- Purpose: Feature geometries of every promoted dataset version, for spatial filtering.
-- Risk: low
-- Rollback: none — the table exists only in the generation being built
-- Notes: created empty; the loader COPYs rows before indexes are built (see 0040).
-- Rebuild: full rebuild: the loader fills feature_geom from the data assets;
--   updated_at is the item's kfm:promoted_at, so identical inputs give identical rows.

CREATE TABLE feature_geom (
    dataset_version_id text        NOT NULL REFERENCES dataset_version (dataset_version_id),
    feature_id         text        NOT NULL,
    geom               geometry(Geometry, 4326) NOT NULL,
    evidence_ref       text        NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (dataset_version_id, feature_id)
);

/* The geometry column keeps SRID 4326 /* (the target SRID) */; parity checks it per row. */
