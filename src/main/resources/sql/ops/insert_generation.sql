INSERT INTO {schema}.generation
    (projection, generation, run_id, catalog_uri, catalog_digest, migration_version, row_count, status,
     created_at, swapped_in_at, parity)
VALUES (?, ?, ?, ?, ?, ?, ?, 'live', ?, ?, ?::jsonb)
