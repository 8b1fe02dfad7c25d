UPDATE {schema}.rebuild_run SET progress = ?::jsonb, heartbeat_at = ? WHERE run_id = ?
