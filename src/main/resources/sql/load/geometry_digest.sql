-- Geometry digest per dataset version (parity rule 2), the SQL twin of GeometryDigest.java: per row,
-- lane a = hash_record_extended(ROW(utf8(feature_id), ST_AsEWKB(geom)), 0), lane b = the same with
-- seed 1 (digest.DigestText has the definition); the digest is count(*) and both lane sums. Sums are
-- numeric (exact, no overflow) and reduced modulo 2^64 by the caller. Order-independent: no ORDER BY.
-- Dataset versions without rows come back with count 0, so every dataset_version row is present.
WITH sums AS (
    SELECT f.dataset_version_id,
           count(*)                         AS row_count,
           sum(hash_record_extended(r.r, 0)) AS lane_a,
           sum(hash_record_extended(r.r, 1)) AS lane_b
      FROM {schema}.feature_geom f
     CROSS JOIN LATERAL (SELECT ROW(convert_to(f.feature_id, 'UTF8'), ST_AsEWKB(f.geom))) AS r(r)
     GROUP BY f.dataset_version_id
)
SELECT coalesce(s.dataset_version_id, d.dataset_version_id) AS dataset_version_id,
       coalesce(s.row_count, 0)                              AS row_count,
       coalesce(s.lane_a, 0)                                 AS lane_a,
       coalesce(s.lane_b, 0)                                 AS lane_b
  FROM sums s
  FULL JOIN {schema}.dataset_version d ON d.dataset_version_id = s.dataset_version_id
 ORDER BY 1
