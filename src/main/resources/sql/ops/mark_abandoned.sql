-- Only called while holding the projection's rebuild lock: every other open run of a kind that
-- takes that lock (rebuild, rollback, prune) is then dead. Runs of the other kinds (migrate, smoke,
-- validate) never take it, so an open one may be alive in another process: they are left alone.
UPDATE {schema}.rebuild_run
   SET state = 'ABANDONED', outcome = 'ABANDONED', finished_at = ?, error_rule = 'abandoned', error_message = ?
 WHERE projection = ? AND finished_at IS NULL AND run_id <> ? AND kind IN ('rebuild', 'rollback', 'prune')
RETURNING run_id
