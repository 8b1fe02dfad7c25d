-- The live generation's side of parity rules 3 and 6 in one scan: per dataset version the row
-- count, the geometry digest's sum (same definition as version_stats.sql) and the 2D extent of
-- the geometries that have the target SRID. No validity checks: live was validated when it was built.
-- The grouping key is compared COLLATE "C": no index provides that order, so the planner never
-- walks the primary key (random heap reads when versions are interleaved) to feed a sorted group:
-- a serial plan did, at 6.0 instead of 4.3 CPU-seconds per million rows. Equality is the same.
-- Parameters: 1 target SRID.
SELECT s.dataset_version_id, s.row_count, s.digest_sum,
       ST_XMin(s.extent) AS min_x, ST_YMin(s.extent) AS min_y, ST_XMax(s.extent) AS max_x, ST_YMax(s.extent) AS max_y
  FROM (SELECT f.dataset_version_id COLLATE "C" AS dataset_version_id,
               count(*) AS row_count,
               sum(hash_record_extended(ROW(convert_to(f.feature_id, 'UTF8'), ST_AsEWKB(f.geom)), 0)) AS digest_sum,
               ST_Extent(f.geom) FILTER (WHERE ST_SRID(f.geom) = ?) AS extent
          FROM {schema}.feature_geom f
         GROUP BY 1) s
