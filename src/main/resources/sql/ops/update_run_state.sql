UPDATE {schema}.rebuild_run SET state = ?, heartbeat_at = ? WHERE run_id = ?
