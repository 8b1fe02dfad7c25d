-- Purpose: A request refused because another run holds the rebuild lock is audited with two run
--   ids: the refused attempt's own run (run_id) and the run that held the lock (holder_run_id).
-- Risk: low (a new nullable column on a small table)
-- Rollback: ALTER TABLE audit_event DROP COLUMN holder_run_id;
-- Notes: ops tables, not projection.

ALTER TABLE audit_event ADD COLUMN holder_run_id uuid;
