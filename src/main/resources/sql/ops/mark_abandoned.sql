-- Only called while holding the projection's rebuild lock: every other open run is then dead.
UPDATE {schema}.rebuild_run
   SET state = 'ABANDONED', outcome = 'ABANDONED', finished_at = ?, error_rule = 'abandoned', error_message = ?
 WHERE projection = ? AND finished_at IS NULL AND run_id <> ?
RETURNING run_id
