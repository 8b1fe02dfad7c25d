SELECT run_id, kind, projection, state, triggered_by, trigger, started_at, finished_at, outcome,
       error_code, error_rule, error_message, catalog_uri, catalog_digest, generation, progress, receipt
  FROM {schema}.rebuild_run
 WHERE projection = ? AND kind = ?
 ORDER BY started_at DESC, run_id
 LIMIT ? OFFSET ?
