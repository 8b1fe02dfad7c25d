INSERT INTO {schema}.rebuild_run
    (run_id, kind, projection, state, triggered_by, trigger, host, pid, arguments, started_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?::jsonb, '{}'), ?)
