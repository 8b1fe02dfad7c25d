-- Only an open run can be asked to stop; the first request wins (its time and principal stay).
UPDATE {schema}.rebuild_run
   SET cancel_requested_at = coalesce(cancel_requested_at, ?), cancel_requested_by = coalesce(cancel_requested_by, ?)
 WHERE run_id = ? AND finished_at IS NULL
RETURNING run_id
