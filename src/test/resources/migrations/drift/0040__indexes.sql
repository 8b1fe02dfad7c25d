-- Purpose: Spatial and key indexes read by tile builders and bbox queries.
-- Risk: low
-- Rollback: none
-- Notes: the rebuild sets these aside during the load and recreates them from their definitions
--   afterwards on the unserved shadow, so no CONCURRENTLY is needed; ANALYZE follows.
-- Rebuild: none beyond the generation build: indexes are recreated after every load.

CREATE INDEX feature_geom_geom_gist ON feature_geom USING gist (geom);
CREATE INDEX dataset_version_dataset_id_idx ON dataset_version (dataset_id);
