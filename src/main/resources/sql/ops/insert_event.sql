INSERT INTO {schema}.rebuild_event (run_id, at, state, message, details) VALUES (?, ?, ?, ?, ?::jsonb)
