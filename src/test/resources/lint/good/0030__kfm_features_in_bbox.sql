-- Purpose: Helper for tile builders: the features of one dataset version inside a bounding box.
-- Risk: low
-- Rollback: none
-- Notes: parameters are p_-prefixed: xmin/xmax would resolve to the system columns of feature_geom.
--   SQL-standard body (BEGIN ATOMIC): bound by OID to this generation's tables, so it keeps
--   working after the shadow schema is renamed to live; a plpgsql body would not.

CREATE FUNCTION kfm_features_in_bbox(
    p_dataset_version_id text,
    p_xmin double precision, p_ymin double precision,
    p_xmax double precision, p_ymax double precision)
RETURNS TABLE (feature_id text, geom geometry, evidence_ref text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT f.feature_id, f.geom, f.evidence_ref
      FROM feature_geom f
     WHERE f.dataset_version_id = p_dataset_version_id
       AND f.geom && ST_MakeEnvelope(p_xmin, p_ymin, p_xmax, p_ymax, 4326)
       AND CASE WHEN p_xmin <= p_xmax THEN true ELSE false END
     ORDER BY f.feature_id;
END;

-- Not a projection-table reader, so a string body is fine here.
CREATE FUNCTION kfm_bbox_area(xmin double precision, ymin double precision,
                              xmax double precision, ymax double precision)
RETURNS double precision
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $body$
BEGIN
    -- a comment mentioning feature_geom; SET search_path inside a comment is not code
    RETURN abs(xmax - xmin) * abs(ymax - ymin);
END
$body$;

COMMENT ON FUNCTION kfm_features_in_bbox(text, double precision, double precision,
                                         double precision, double precision)
    IS 'Reads feature_geom of its own generation; never BEGIN; COMMIT; in here.';
