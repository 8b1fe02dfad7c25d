-- Rule 5 for a catalog bbox that crosses the antimeridian (west > east): every part of every
-- geometry must lie within [west, 180] or within [-180, east] (both already widened by the
-- tolerance). Parts, not whole geometries: a multipolygon split at the antimeridian (RFC 7946
-- §3.1.9) has a whole-geometry box from -180 to 180 although each part is inside. Parts in the
-- eastern range give the extent's west edge, parts in the western range its east edge. Only rows
-- with the target SRID count (the srid rule reports the others).
-- Parameters: 1 west, 2 east, 3 dataset version id, 4 target SRID.
WITH p AS (SELECT ?::float8 AS west, ?::float8 AS east),
     parts AS (
        SELECT f.feature_id,
               Box2D((ST_Dump(CASE WHEN ST_SRID(f.geom) = 4326 THEN f.geom ELSE ST_Transform(f.geom, 4326) END)).geom) AS box
          FROM {schema}.feature_geom f
         WHERE f.dataset_version_id = ? AND ST_SRID(f.geom) = ? AND NOT ST_IsEmpty(f.geom)),
     r AS (SELECT parts.feature_id, ST_XMin(box) AS x0, ST_XMax(box) AS x1, ST_YMin(box) AS y0, ST_YMax(box) AS y1,
                  ST_XMin(box) >= p.west AS in_east_part, ST_XMax(box) <= p.east AS in_west_part
             FROM parts CROSS JOIN p
            WHERE box IS NOT NULL)
SELECT count(DISTINCT feature_id) FILTER (WHERE NOT in_east_part AND NOT in_west_part) AS outside,
       min(x0) FILTER (WHERE in_east_part) AS west_edge,
       max(x1) FILTER (WHERE in_west_part AND NOT in_east_part) AS east_edge,
       min(y0) AS min_y, max(y1) AS max_y
  FROM r
