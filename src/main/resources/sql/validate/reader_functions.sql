-- Rule 7: the kfm_* routines of the schema the reader role cannot EXECUTE (has_function_privilege
-- counts PUBLIC, which has EXECUTE unless a migration or an operator revoked it), with their
-- identity arguments so the GRANT can be written.
-- Parameters: 1 schema name, 2 role.
SELECT p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')'
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = ? AND starts_with(p.proname, 'kfm_')
   AND NOT has_function_privilege(?, p.oid, 'EXECUTE')
 ORDER BY 1
