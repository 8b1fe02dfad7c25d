SELECT cancel_requested_at IS NOT NULL FROM {schema}.rebuild_run WHERE run_id = ?
