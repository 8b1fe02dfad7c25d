-- Purpose: Record each webhook delivery of a swap apart from the run, which has ended (and released
--   the rebuild lock) before its webhooks are called: one row per run and configured URL, written
--   when the delivery is queued and updated when it ends.
-- Risk: low (a new table)
-- Rollback: DROP TABLE webhook_delivery;
-- Notes: ops tables, not projection: timestamps are the orchestrator's clock, bound by the code.
--   target is the URL's label (a configured name, or scheme://host[:port]/path): never the query
--   string or userinfo, which may carry secrets.

CREATE TABLE webhook_delivery (
    run_id      uuid        NOT NULL REFERENCES rebuild_run (run_id),
    position    integer     NOT NULL,
    target      text        NOT NULL,
    outcome     text        NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    status      integer,
    error       text,
    queued_at   timestamptz NOT NULL,
    started_at  timestamptz,
    finished_at timestamptz,
    PRIMARY KEY (run_id, position)
);
