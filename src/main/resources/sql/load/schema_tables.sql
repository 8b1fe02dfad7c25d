-- The tables of one schema (bound as ?), for ANALYZE after the indexes are back.
SELECT format('%I.%I', n.nspname, t.relname) AS qualified_table, t.relname AS table_name
  FROM pg_class t
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = ?
   AND t.relkind IN ('r', 'p', 'm')
 ORDER BY pg_relation_size(t.oid) DESC, t.relname
