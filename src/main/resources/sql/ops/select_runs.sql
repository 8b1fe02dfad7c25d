-- Runs of any kind, newest first, optionally of one kind (?2, ?3) and one outcome (?4, ?5): without an
-- outcome filter, refused attempts are left out; ask for outcome REFUSED to see them.
SELECT run_id, kind, projection, state, triggered_by, trigger, started_at, finished_at, outcome,
       error_code, error_rule, error_message, catalog_uri, catalog_digest, generation, progress, receipt
  FROM {schema}.rebuild_run
 WHERE projection = ?
   AND (?::text IS NULL OR kind = ?::text)
   AND CASE WHEN ?::text IS NULL THEN outcome IS DISTINCT FROM 'REFUSED' ELSE outcome = ?::text END
 ORDER BY started_at DESC, run_id
 LIMIT ? OFFSET ?
