-- Purpose: Helper functions for tile builders and the governed API (features in a bbox, counts).
-- Risk: low
-- Rollback: none
-- Notes: SQL-standard bodies (BEGIN ATOMIC) are bound by OID to this generation's tables when
--   created, so they keep working after the shadow schema is renamed to live and never read the
--   next shadow. Parameters are p_-prefixed: xmin/xmax would name system columns.

CREATE FUNCTION kfm_features_in_bbox(
    p_xmin double precision, p_ymin double precision,
    p_xmax double precision, p_ymax double precision)
RETURNS TABLE (dataset_version_id text, feature_id text, geom geometry, properties jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT f.dataset_version_id, f.feature_id, f.geom, f.properties
      FROM feature_geom f
     WHERE f.geom && ST_MakeEnvelope(p_xmin, p_ymin, p_xmax, p_ymax, 4326)
     ORDER BY f.dataset_version_id, f.feature_id;
END;

CREATE FUNCTION kfm_feature_counts()
RETURNS TABLE (dataset_version_id text, declared_feature_count bigint, feature_count bigint)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT d.dataset_version_id, d.declared_feature_count,
           (SELECT count(*) FROM feature_geom f WHERE f.dataset_version_id = d.dataset_version_id)
      FROM dataset_version d
     ORDER BY d.dataset_version_id;
END;

COMMENT ON FUNCTION kfm_features_in_bbox(double precision, double precision, double precision, double precision)
    IS 'Features whose geometry box intersects the WGS 84 envelope, ordered by dataset version and id.';
COMMENT ON FUNCTION kfm_feature_counts()
    IS 'Declared and loaded feature count per dataset version.';
