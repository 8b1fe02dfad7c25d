-- Every dataset version on either side of a diff with its feature count on each side: versions whose
-- features are all unchanged are reported too (with zero changes). One scan of each feature_geom.
-- {from} and {to} are validated, quoted schema names (diff.FeatureDiff).
-- Parameter 1: the one dataset version id to report, or NULL for all.
WITH p AS (SELECT ?::text AS only),
     f AS (SELECT g.dataset_version_id COLLATE "C" AS id, count(*) AS n
             FROM {from}.feature_geom g, p
            WHERE p.only IS NULL OR g.dataset_version_id = p.only
            GROUP BY 1),
     t AS (SELECT g.dataset_version_id COLLATE "C" AS id, count(*) AS n
             FROM {to}.feature_geom g, p
            WHERE p.only IS NULL OR g.dataset_version_id = p.only
            GROUP BY 1),
     v AS (SELECT d.dataset_version_id COLLATE "C" AS id FROM {from}.dataset_version d
           UNION SELECT d.dataset_version_id COLLATE "C" FROM {to}.dataset_version d
           UNION SELECT id FROM f
           UNION SELECT id FROM t)
SELECT v.id AS dataset_version_id, coalesce(f.n, 0) AS from_rows, coalesce(t.n, 0) AS to_rows
  FROM v CROSS JOIN p
  LEFT JOIN f ON f.id = v.id
  LEFT JOIN t ON t.id = v.id
 WHERE p.only IS NULL OR v.id = p.only
 ORDER BY v.id
