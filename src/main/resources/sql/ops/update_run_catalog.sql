UPDATE {schema}.rebuild_run SET catalog_uri = ?, catalog_digest = ? WHERE run_id = ?
