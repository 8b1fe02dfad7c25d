UPDATE {schema}.rebuild_run
   SET state = ?, outcome = ?, finished_at = ?, error_code = ?, error_rule = ?, error_message = ?,
       generation = ?, receipt = ?::jsonb
 WHERE run_id = ?
