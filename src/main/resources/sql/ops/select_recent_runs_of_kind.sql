-- Refused attempts are recorded but left out of the default lists: select_runs shows them on request.
SELECT run_id, kind, projection, state, triggered_by, trigger, started_at, finished_at, outcome,
       error_code, error_rule, error_message, catalog_uri, catalog_digest, generation, progress, receipt
  FROM {schema}.rebuild_run
 WHERE projection = ? AND kind = ? AND outcome IS DISTINCT FROM 'REFUSED'
 ORDER BY started_at DESC, run_id
 LIMIT ? OFFSET ?
