-- What the live generation holds per dataset version, as the loader wrote it (one row per catalog
-- item, written with its features): the declared count, the asset checksums in asset-key order, and
-- the item values the feature rows are derived from (evidence_ref names the item, updated_at is
-- promoted_at, geometries were transformed from source_epsg). A rebuild's plan compares these with
-- the catalog's to choose what it may carry; a read of a small table.
SELECT dataset_version_id, declared_feature_count, asset_checksums, item_id, source_epsg, promoted_at
  FROM {schema}.dataset_version
 ORDER BY dataset_version_id COLLATE "C"
