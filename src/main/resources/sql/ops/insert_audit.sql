INSERT INTO {schema}.audit_event (at, principal, action, arguments, outcome, run_id, holder_run_id) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)
