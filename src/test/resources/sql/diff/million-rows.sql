-- Two projection schemas of one dataset version with 1,000,000 features each, made in SQL (no catalog,
-- no loader) for DiffsMillionRowVersionsInSmallHeapIT. it_big_a is migrated by the test; its GiST
-- index is set aside as the loader does, so the inserts stay fast.
-- it_big_b = it_big_a without f0000001..f0010000 (removed), with f1000001..f1010000 (added), every
-- 10th feature moved (geometry changed) and every 7th renamed (properties changed).
DROP INDEX it_big_a.feature_geom_geom_gist;
CREATE SCHEMA it_big_b;
CREATE TABLE it_big_b.dataset_version (LIKE it_big_a.dataset_version INCLUDING ALL);
CREATE TABLE it_big_b.feature_geom (LIKE it_big_a.feature_geom INCLUDING ALL);

INSERT INTO it_big_a.dataset_version (dataset_version_id, dataset_id, item_id, collection_id,
       declared_feature_count, source_epsg, bbox, asset_hrefs, asset_checksums, promoted_at)
VALUES ('big-v1', 'big', 'big-v1', NULL, 1000000, 4326, '{-102,37,-94,40}', '{data.geojson}', '{none}',
        '2026-01-01T00:00:00Z');
INSERT INTO it_big_b.dataset_version SELECT * FROM it_big_a.dataset_version;

INSERT INTO it_big_a.feature_geom (dataset_version_id, feature_id, geom, properties, evidence_ref, updated_at)
SELECT 'big-v1', 'f' || lpad(i::text, 7, '0'),
       ST_SetSRID(ST_MakePoint(-102 + (i % 1000) * 0.008, 37 + (i / 1000) * 0.003), 4326),
       jsonb_build_object('n', i, 'name', 'feature ' || i), 'big-v1/data#' || i, '2026-01-01T00:00:00Z'
  FROM generate_series(1, 1000000) i;

INSERT INTO it_big_b.feature_geom (dataset_version_id, feature_id, geom, properties, evidence_ref, updated_at)
SELECT 'big-v1', 'f' || lpad(i::text, 7, '0'),
       ST_SetSRID(ST_MakePoint(-102 + (i % 1000) * 0.008 + CASE WHEN i % 10 = 0 THEN 0.001 ELSE 0 END,
                               37 + (i / 1000) * 0.003), 4326),
       jsonb_build_object('n', i, 'name', CASE WHEN i % 7 = 0 THEN 'renamed ' ELSE 'feature ' END || i),
       'big-v1/data#' || i, '2026-01-01T00:00:00Z'
  FROM generate_series(10001, 1010000) i;

ANALYZE it_big_a.feature_geom;
ANALYZE it_big_b.feature_geom;
