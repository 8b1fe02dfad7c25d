-- InvalidGeometryPolicy.REPAIR: replace each invalid geometry of the given dataset versions by
-- ST_MakeValid(geom), keeping its SRID, and return every repaired row with the reason and the
-- geometry type before and after (ST_MakeValid may turn a POLYGON into a MULTIPOLYGON, a
-- GEOMETRYCOLLECTION, or a LINESTRING when the polygon collapsed).
-- Parameters: 1 dataset version ids (text[]).
WITH bad AS (
    SELECT f.dataset_version_id, f.feature_id, ST_IsValidReason(f.geom) AS reason,
           GeometryType(f.geom) AS type_before
      FROM {schema}.feature_geom f
     WHERE f.dataset_version_id = ANY (?::text[]) AND NOT ST_IsValid(f.geom)
       FOR UPDATE
), fixed AS (
    UPDATE {schema}.feature_geom f
       SET geom = ST_SetSRID(ST_MakeValid(f.geom), ST_SRID(f.geom))
      FROM bad
     WHERE f.dataset_version_id = bad.dataset_version_id AND f.feature_id = bad.feature_id
    RETURNING f.dataset_version_id, f.feature_id, GeometryType(f.geom) AS type_after
)
SELECT bad.dataset_version_id, bad.feature_id, bad.reason, bad.type_before, fixed.type_after
  FROM bad
  JOIN fixed ON fixed.dataset_version_id = bad.dataset_version_id AND fixed.feature_id = bad.feature_id
 ORDER BY bad.dataset_version_id, bad.feature_id
