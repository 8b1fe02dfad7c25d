-- Only called while holding the projection's rebuild lock: every other open run of a kind that
-- takes that lock (rebuild, rollback, prune) and has passed REQUESTED is then dead. A REQUESTED run
-- has not tried the lock yet (its row is written first, so a refusal is recorded), so it may be
-- alive in another process for the moment between the two: it is left alone until it is older than
-- the grace given. Runs of the other kinds (migrate, smoke, validate) never take the lock, so an
-- open one may be alive in another process: they are left alone.
UPDATE {schema}.rebuild_run
   SET state = 'ABANDONED', outcome = 'ABANDONED', finished_at = ?, error_rule = 'abandoned', error_message = ?
 WHERE projection = ? AND finished_at IS NULL AND run_id <> ? AND kind IN ('rebuild', 'rollback', 'prune')
   AND (state <> 'REQUESTED' OR started_at < ?)
RETURNING run_id
