-- Rule 7: the relations of the schema the reader role cannot SELECT from (has_table_privilege
-- counts PUBLIC grants and role membership, as a real query would).
-- Parameters: 1 schema name, 2 role.
SELECT c.relname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND NOT has_table_privilege(?, c.oid, 'SELECT')
 ORDER BY c.relname
