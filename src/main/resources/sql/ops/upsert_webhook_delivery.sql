INSERT INTO {schema}.webhook_delivery
       (run_id, position, target, outcome, attempts, status, error, queued_at, started_at, finished_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id, position) DO UPDATE
   SET target = EXCLUDED.target, outcome = EXCLUDED.outcome, attempts = EXCLUDED.attempts,
       status = EXCLUDED.status, error = EXCLUDED.error, started_at = EXCLUDED.started_at,
       finished_at = EXCLUDED.finished_at
