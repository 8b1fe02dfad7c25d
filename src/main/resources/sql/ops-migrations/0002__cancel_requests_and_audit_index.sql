-- Purpose: Let any replica of the service ask the one running a rebuild to cancel it (the runner
--   polls these columns), and read the audit trail newest first.
-- Risk: low (new nullable columns and indexes on small tables)
-- Rollback: ALTER TABLE rebuild_run DROP COLUMN cancel_requested_at, DROP COLUMN cancel_requested_by;
--   DROP INDEX audit_event_at_idx; DROP INDEX rebuild_run_kind_started_idx;
-- Notes: ops tables, not projection: timestamps are the orchestrator's clock, bound by the code.

ALTER TABLE rebuild_run ADD COLUMN cancel_requested_at timestamptz;
ALTER TABLE rebuild_run ADD COLUMN cancel_requested_by text;

CREATE INDEX rebuild_run_kind_started_idx ON rebuild_run (projection, kind, started_at DESC);
CREATE INDEX audit_event_at_idx ON audit_event (at DESC);
