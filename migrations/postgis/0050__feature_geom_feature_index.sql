-- Purpose: Record each feature's position in its artifact, so evidence can be traced without ids.
-- Risk: low
-- Rollback: manual — ALTER TABLE feature_geom DROP COLUMN feature_index (nothing else reads it)
-- Notes: adding a nullable column without a default is a catalog-only change: no table rewrite.
-- Rebuild: required. Rows projected before this version have feature_index NULL; run
--   kfm-projection rebuild (the loader writes the 0-based position of the feature in its asset).

ALTER TABLE feature_geom ADD COLUMN feature_index bigint;
