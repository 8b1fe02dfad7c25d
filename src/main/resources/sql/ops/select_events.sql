SELECT at, state, message, details FROM {schema}.rebuild_event WHERE run_id = ? ORDER BY event_id
