-- Purpose: One row per promoted dataset version, as declared by the promoted catalog.
-- Risk: low  Rollback: none — a fresh generation has nothing to roll back
-- Notes: empty table, instant; rows are loaded from the STAC items (kfm:* properties).
-- Rebuild: full rebuild (kfm-projection rebuild): the loader writes one row per catalog item.

CREATE TABLE dataset_version (
    dataset_version_id   text        NOT NULL,
    dataset_id           text        NOT NULL,
    expected_features    bigint      NOT NULL CHECK (expected_features >= 0),
    extent               geometry(Polygon, 4326),
    asset_checksums      text[]      NOT NULL,
    promoted_at          timestamptz NOT NULL,   -- from kfm:promoted_at, never now()
    PRIMARY KEY (dataset_version_id)
);

COMMENT ON TABLE dataset_version IS
    'Projection of promoted dataset versions; rebuilt from the catalog. Do not DROP or TRUNCATE by hand.';
