-- Tables, views and materialized views of schema ?1 that role ?2 may not SELECT from.
SELECT c.relname
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND NOT has_table_privilege(?, c.oid, 'SELECT')
 ORDER BY 1
