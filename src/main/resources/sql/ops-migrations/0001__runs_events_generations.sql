-- Purpose: The orchestrator's record of runs (rebuild, migrate, smoke, ...), their state
--   transitions, and the projection generations they produced.
-- Risk: low
-- Rollback: none
-- Notes: ops tables, not projection: timestamps are the orchestrator's clock, bound by the code.

CREATE TABLE rebuild_run (
    run_id         uuid        PRIMARY KEY,
    kind           text        NOT NULL,
    projection     text        NOT NULL,
    state          text        NOT NULL,
    triggered_by   text        NOT NULL,
    trigger        text        NOT NULL,
    host           text,
    pid            bigint,
    arguments      jsonb       NOT NULL DEFAULT '{}',
    started_at     timestamptz NOT NULL,
    heartbeat_at   timestamptz,
    finished_at    timestamptz,
    outcome        text,
    error_code     text,
    error_rule     text,
    error_message  text,
    catalog_uri    text,
    catalog_digest text,
    generation     bigint,
    progress       jsonb,
    receipt        jsonb
);
CREATE INDEX rebuild_run_started_idx ON rebuild_run (started_at DESC);
CREATE INDEX rebuild_run_open_idx ON rebuild_run (projection) WHERE finished_at IS NULL;

CREATE TABLE rebuild_event (
    event_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id     uuid        NOT NULL REFERENCES rebuild_run (run_id) ON DELETE CASCADE,
    at         timestamptz NOT NULL,
    state      text        NOT NULL,
    message    text        NOT NULL,
    details    jsonb
);
CREATE INDEX rebuild_event_run_idx ON rebuild_event (run_id, event_id);

CREATE TABLE generation (
    projection        text        NOT NULL,
    generation        bigint      NOT NULL,
    run_id            uuid        REFERENCES rebuild_run (run_id),
    catalog_uri       text,
    catalog_digest    text        NOT NULL,
    migration_version text,
    row_count         bigint,
    status            text        NOT NULL,
    created_at        timestamptz NOT NULL,
    swapped_in_at     timestamptz,
    retired_at        timestamptz,
    parity            jsonb,
    PRIMARY KEY (projection, generation)
);

CREATE TABLE audit_event (
    audit_id  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    principal text        NOT NULL,
    action    text        NOT NULL,
    arguments jsonb,
    outcome   text        NOT NULL,
    run_id    uuid
);
