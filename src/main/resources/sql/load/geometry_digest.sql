-- Geometry digest per dataset version (parity rule 2), the SQL twin of GeometryDigest.java:
-- h = md5(utf8(feature_id) || 0x00 || ST_AsEWKB(geom)); lane a = first 8 bytes of h as a signed
-- big-endian bigint, lane b = last 8; the digest is count(*) and both lane sums. Sums are numeric
-- (exact, no overflow) and reduced modulo 2^64 by the caller. Order-independent: no ORDER BY needed.
-- Dataset versions without rows come back with count 0, so every dataset_version row is present.
WITH lanes AS (
    SELECT f.dataset_version_id,
           CAST('x' || md5(convert_to(f.feature_id, 'UTF8') || '\x00'::bytea || ST_AsEWKB(f.geom)) AS bit(128)) AS h
      FROM {schema}.feature_geom f
), sums AS (
    SELECT dataset_version_id,
           count(*)                                              AS row_count,
           sum(h::bit(64)::bigint)                               AS lane_a,
           sum((h << 64)::bit(64)::bigint)                       AS lane_b
      FROM lanes
     GROUP BY dataset_version_id
)
SELECT coalesce(s.dataset_version_id, d.dataset_version_id) AS dataset_version_id,
       coalesce(s.row_count, 0)                              AS row_count,
       coalesce(s.lane_a, 0)                                 AS lane_a,
       coalesce(s.lane_b, 0)                                 AS lane_b
  FROM sums s
  FULL JOIN {schema}.dataset_version d ON d.dataset_version_id = s.dataset_version_id
 ORDER BY 1
