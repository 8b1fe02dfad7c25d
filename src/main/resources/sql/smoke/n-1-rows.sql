-- Rows put into the N-1 schema before it is migrated to N, so the last migration meets data.
-- Runs with search_path set to the N-1 schema; written for the schema as of the previous
-- version (update it together with migrations that change these tables).
INSERT INTO dataset_version (dataset_version_id, dataset_id, item_id, collection_id, declared_feature_count,
                             source_epsg, bbox, asset_hrefs, asset_checksums, promoted_at)
VALUES ('smoke-v1', 'smoke', 'smoke-item', 'smoke-collection', 2, 4326, '{-98,38,-97,39}',
        '{smoke/points.geojson}', '{1220aa}', '2026-01-01T00:00:00Z');
INSERT INTO feature_geom (dataset_version_id, feature_id, geom, properties, evidence_ref, updated_at)
VALUES ('smoke-v1', 'a', ST_GeomFromText('POINT(-97.5 38.5)', 4326), '{"name":"a"}', 'smoke-item/data#0',
        '2026-01-01T00:00:00Z'),
       ('smoke-v1', 'b', ST_GeomFromText('LINESTRING(-97.6 38.4,-97.4 38.6)', 4326), NULL, 'smoke-item/data#1',
        '2026-01-01T00:00:00Z');
