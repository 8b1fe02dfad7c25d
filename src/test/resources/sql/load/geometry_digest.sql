-- Geometry digest per dataset version (parity rule 2), the SQL twin of GeometryDigest.java: the row
-- count and the sum over the rows of hash_record_extended(ROW(utf8(feature_id), ST_AsEWKB(geom)), 0)
-- (digest.DigestText has the definition). The sum is numeric (exact, no overflow) and reduced modulo
-- 2^64 by the caller. Order-independent: no ORDER BY needed.
-- Dataset versions without rows come back with count 0, so every dataset_version row is present.
WITH sums AS (
    SELECT f.dataset_version_id,
           count(*)                                                                            AS row_count,
           sum(hash_record_extended(ROW(convert_to(f.feature_id, 'UTF8'), ST_AsEWKB(f.geom)), 0)) AS digest_sum
      FROM {schema}.feature_geom f
     GROUP BY f.dataset_version_id
)
SELECT coalesce(s.dataset_version_id, d.dataset_version_id) AS dataset_version_id,
       coalesce(s.row_count, 0)                              AS row_count,
       coalesce(s.digest_sum, 0)                             AS digest_sum
  FROM sums s
  FULL JOIN {schema}.dataset_version d ON d.dataset_version_id = s.dataset_version_id
 ORDER BY 1
