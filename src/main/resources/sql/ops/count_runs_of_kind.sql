SELECT count(*) FROM {schema}.rebuild_run
 WHERE projection = ? AND kind = ? AND outcome IS DISTINCT FROM 'REFUSED'
