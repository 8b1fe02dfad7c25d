SELECT projection, generation, run_id, catalog_uri, catalog_digest, migration_version, row_count, status,
       created_at, swapped_in_at, retired_at, parity
  FROM {schema}.generation
 WHERE projection = ? AND status IN ('live', 'previous')
 ORDER BY generation DESC
