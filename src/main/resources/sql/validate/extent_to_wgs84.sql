-- An extent in the target SRID as a WGS 84 box: the rectangle is densified before the transform so
-- edges that curve in WGS 84 still bound the data (transforming four corners could cut them off).
-- Parameters: 1-4 min x, min y, max x, max y; 5 SRID; 6 maximum segment length in SRID units (> 0).
SELECT ST_XMin(b) AS min_x, ST_YMin(b) AS min_y, ST_XMax(b) AS max_x, ST_YMax(b) AS max_y
  FROM (SELECT Box2D(ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, ?), ?), 4326)) AS b) t
