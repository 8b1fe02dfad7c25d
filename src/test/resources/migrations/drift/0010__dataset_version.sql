-- Purpose: One row per promoted dataset version, as the promoted catalog declares it.
-- Risk: low
-- Rollback: none — the table only exists in the generation being built
-- Notes: created empty; the loader writes one row per catalog item before the features.
-- Rebuild: full rebuild (kfm-projection rebuild): rows come from the STAC items' kfm:* properties.

CREATE TABLE dataset_version (
    dataset_version_id     text        NOT NULL,
    dataset_id             text        NOT NULL,
    item_id                text        NOT NULL,
    collection_id          text,
    declared_feature_count bigint      NOT NULL CHECK (declared_feature_count >= 0),
    source_epsg            integer     NOT NULL,
    -- the item's bbox (WGS 84) as declared by the catalog, west/south/east/north
    bbox                   double precision[] NOT NULL CHECK (cardinality(bbox) = 4),
    asset_hrefs            text[]      NOT NULL,
    asset_checksums        text[]      NOT NULL,
    promoted_at            timestamptz NOT NULL,   -- kfm:promoted_at, never now()
    CONSTRAINT dataset_version_pkey PRIMARY KEY (dataset_version_id)
);

COMMENT ON TABLE dataset_version IS
    'Projection of promoted dataset versions, rebuilt from the catalog by kfm-projection. Never edit by hand.';
