-- Purpose: Spatial and key indexes used by tile builders and bbox queries.
-- Risk: low
-- Rollback: none
-- Notes: built on the unserved shadow after the load, so no CONCURRENTLY is needed; ANALYZE follows.
-- Rebuild: none beyond the generation build: indexes are created after the load on every rebuild.

CREATE INDEX feature_geom_geom_gist ON feature_geom USING gist (geom);
CREATE INDEX feature_geom_dataset_version_idx ON feature_geom (dataset_version_id);
CREATE INDEX dataset_version_dataset_idx ON dataset_version (dataset_id);
