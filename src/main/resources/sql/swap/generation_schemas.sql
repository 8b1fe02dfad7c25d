-- The projection's schemas: the base name (?1) and every name starting with it plus '_' (?2),
-- with their comments (the swap records the generation number there).
SELECT n.nspname, obj_description(n.oid, 'pg_namespace')
  FROM pg_namespace n
 WHERE n.nspname = ? OR starts_with(n.nspname, ?)
 ORDER BY n.nspname
