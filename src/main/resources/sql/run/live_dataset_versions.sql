-- What the live generation holds per dataset version, as the loader wrote it (one row per catalog
-- item, written with its features): the declared count and the asset checksums in asset-key order.
-- A rebuild's plan compares these with the catalog's; an index-only read of a small table.
SELECT dataset_version_id, declared_feature_count, asset_checksums
  FROM {schema}.dataset_version
 ORDER BY dataset_version_id COLLATE "C"
