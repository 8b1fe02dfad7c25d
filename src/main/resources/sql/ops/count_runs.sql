-- The total behind select_runs, with the same filters.
SELECT count(*) FROM {schema}.rebuild_run
 WHERE projection = ?
   AND (?::text IS NULL OR kind = ?::text)
   AND CASE WHEN ?::text IS NULL THEN outcome IS DISTINCT FROM 'REFUSED' ELSE outcome = ?::text END
