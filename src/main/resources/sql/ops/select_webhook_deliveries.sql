SELECT run_id, position, target, outcome, attempts, status, error, queued_at, started_at, finished_at
  FROM {schema}.webhook_delivery
 WHERE run_id = ?
 ORDER BY position
