-- The first invalid (or, with parameter 2 true, empty) geometries of each given dataset version,
-- by feature id, up to a cap per version. The primary key (dataset_version_id, feature_id) lets
-- each LATERAL stop at the cap instead of checking every row of a version.
-- Parameters: 1 dataset version ids (text[]); 2 true for empty, false for invalid; 3 the cap.
SELECT v.id AS dataset_version_id, g.feature_id, g.reason, g.geometry_type
  FROM unnest(?::text[]) AS v(id)
 CROSS JOIN LATERAL (
        SELECT f.feature_id, ST_IsValidReason(f.geom) AS reason, GeometryType(f.geom) AS geometry_type
          FROM {schema}.feature_geom f
         WHERE f.dataset_version_id = v.id
           AND CASE WHEN ?::boolean THEN ST_IsEmpty(f.geom) ELSE NOT ST_IsValid(f.geom) END
         ORDER BY f.feature_id
         LIMIT ?) g
 ORDER BY v.id, g.feature_id
