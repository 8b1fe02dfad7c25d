-- Purpose: Feature geometries of every promoted dataset version, for spatial filtering and tiles.
-- Risk: low
-- Rollback: none — the table only exists in the generation being built
-- Notes: created empty; the loader COPYs rows with the table's indexes set aside and rebuilds them
--   after the load. geom has no typmod so 2D and 3D features share the column; parity checks that
--   every SRID equals the target SRID (default 4326).
-- Rebuild: full rebuild: the loader fills feature_geom from the data assets; updated_at is the
--   item's kfm:promoted_at, so identical inputs give byte-identical rows.

CREATE TABLE feature_geom (
    dataset_version_id text        NOT NULL,
    feature_id         text        NOT NULL,
    geom               geometry    NOT NULL,
    properties         jsonb,
    -- <item id>/<asset key>#<feature index>: where the row came from
    evidence_ref       text        NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT feature_geom_pkey PRIMARY KEY (dataset_version_id, feature_id)
);

COMMENT ON TABLE feature_geom IS
    'Projection of promoted features, rebuilt from the artifacts by kfm-projection. Never edit by hand.';
