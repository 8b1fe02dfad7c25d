-- kfm_* routines of schema ?1 that role ?2 may not EXECUTE, with their identity arguments.
SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = ? AND starts_with(p.proname, 'kfm_')
   AND NOT has_function_privilege(?, p.oid, 'EXECUTE')
 ORDER BY 1
