-- One row per catalog item, written in the transaction that copies the item's features.
INSERT INTO {schema}.dataset_version (dataset_version_id, dataset_id, item_id, collection_id,
                                      declared_feature_count, source_epsg, bbox, asset_hrefs,
                                      asset_checksums, promoted_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
