-- Rule 5 for a catalog bbox that crosses the antimeridian (west > east): each geometry's WGS 84 box
-- must lie within [west, 180] or within [-180, east] (both already widened by the tolerance).
-- Geometries in the eastern part give the extent's west edge, those in the western part its east
-- edge. Only rows with the target SRID count (the srid rule reports the others).
-- Parameters: 1 west, 2 east, 3 dataset version id, 4 target SRID.
WITH p AS (SELECT ?::float8 AS west, ?::float8 AS east),
     b AS (SELECT Box2D(CASE WHEN ST_SRID(f.geom) = 4326 THEN f.geom ELSE ST_Transform(f.geom, 4326) END) AS box
             FROM {schema}.feature_geom f
            WHERE f.dataset_version_id = ? AND ST_SRID(f.geom) = ? AND NOT ST_IsEmpty(f.geom)),
     r AS (SELECT ST_XMin(b.box) AS x0, ST_XMax(b.box) AS x1, ST_YMin(b.box) AS y0, ST_YMax(b.box) AS y1,
                  ST_XMin(b.box) >= p.west AS in_east_part, ST_XMax(b.box) <= p.east AS in_west_part
             FROM b CROSS JOIN p)
SELECT count(*) FILTER (WHERE NOT in_east_part AND NOT in_west_part) AS outside,
       min(x0) FILTER (WHERE in_east_part) AS west_edge,
       max(x1) FILTER (WHERE in_west_part AND NOT in_east_part) AS east_edge,
       min(y0) AS min_y, max(y1) AS max_y, min(x0) AS min_x, max(x1) AS max_x
  FROM r
