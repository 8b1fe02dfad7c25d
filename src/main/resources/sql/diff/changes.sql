-- The features that differ between two projection schemas, one row each, ordered by dataset version
-- and feature id: a FULL JOIN on the primary key (dataset_version_id, feature_id), so the server
-- compares the rows and only the differences travel; the client reads them through a cursor.
-- A row is added (only in {to}), removed (only in {from}) or changed: its geometry's EWKB bytes (the
-- bytes the parity digest hashes, digest.DigestText) or its properties (jsonb equality: key order and
-- whitespace do not count) differ. Comparing the bytes themselves rather than their 64-bit hashes
-- costs the same and cannot call a changed row unchanged. evidence_ref, feature_index and
-- updated_at say where a row came from, not what it is, and are not compared.
-- The inner query is fenced (OFFSET 0) so each flag is computed once and the GeoJSON is rendered
-- only for the rows that differ.
-- {from} and {to} are validated, quoted schema names (diff.FeatureDiff).
-- Parameters: 1 the one dataset version id to compare, or NULL for all; 2 whether to return the
-- geometries (GeoJSON text) and properties (jsonb text) of both sides.
WITH p AS (SELECT ?::text AS only, ?::boolean AS shapes)
SELECT d.dataset_version_id, d.feature_id, d.in_from, d.in_to, d.geometry_changed, d.properties_changed,
       CASE WHEN p.shapes THEN ST_AsGeoJSON(d.old_geom) END AS old_geometry,
       CASE WHEN p.shapes THEN ST_AsGeoJSON(d.new_geom) END AS new_geometry,
       CASE WHEN p.shapes THEN d.old_properties::text END AS old_properties,
       CASE WHEN p.shapes THEN d.new_properties::text END AS new_properties
  FROM (SELECT coalesce(o.dataset_version_id, n.dataset_version_id) COLLATE "C" AS dataset_version_id,
               coalesce(o.feature_id, n.feature_id) COLLATE "C" AS feature_id,
               o.feature_id IS NOT NULL AS in_from,
               n.feature_id IS NOT NULL AS in_to,
               ST_AsEWKB(o.geom) IS DISTINCT FROM ST_AsEWKB(n.geom) AS geometry_changed,
               o.properties IS DISTINCT FROM n.properties AS properties_changed,
               o.geom AS old_geom, n.geom AS new_geom, o.properties AS old_properties, n.properties AS new_properties
          FROM (SELECT g.* FROM {from}.feature_geom g, p WHERE p.only IS NULL OR g.dataset_version_id = p.only) o
          FULL JOIN (SELECT g.* FROM {to}.feature_geom g, p WHERE p.only IS NULL OR g.dataset_version_id = p.only) n
            ON n.dataset_version_id = o.dataset_version_id AND n.feature_id = o.feature_id
        OFFSET 0) d
 CROSS JOIN p
 WHERE NOT (d.in_from AND d.in_to) OR d.geometry_changed OR d.properties_changed
 ORDER BY d.dataset_version_id, d.feature_id
