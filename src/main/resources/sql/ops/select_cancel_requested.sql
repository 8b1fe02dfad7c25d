SELECT cancel_requested_at IS NOT NULL, cancel_requested_by FROM {schema}.rebuild_run WHERE run_id = ?
