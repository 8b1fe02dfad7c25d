-- Every object of one schema as (kind, name, definition), schema-neutral where PostgreSQL
-- prints the schema name (definitions are normalised by the caller). Parameter 1: schema name.
WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = ?)
SELECT 'table' AS kind, c.relname AS name,
       c.relkind::text || coalesce(' '::text || array_to_string(c.relacl, ','), '') AS definition
  FROM pg_class c, ns WHERE c.relnamespace = ns.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
UNION ALL
SELECT 'column', c.relname || '.' || a.attname,
       format('#%s %s%s%s%s', row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum),
              format_type(a.atttypid, a.atttypmod),
              CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
              coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), ''),
              CASE WHEN a.attgenerated <> '' THEN ' GENERATED ' || a.attgenerated::text ELSE '' END)
       || coalesce(' ' || array_to_string(a.attacl, ','), '')
  FROM pg_class c JOIN ns ON c.relnamespace = ns.oid
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
UNION ALL
SELECT 'constraint', cl.relname || '.' || co.conname, co.contype::text || ' '::text || pg_get_constraintdef(co.oid)
  FROM pg_constraint co JOIN ns ON co.connamespace = ns.oid JOIN pg_class cl ON cl.oid = co.conrelid
UNION ALL
SELECT 'index', i.relname, pg_get_indexdef(i.oid)
  FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN ns ON i.relnamespace = ns.oid
UNION ALL
SELECT 'function', p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       pg_get_functiondef(p.oid) || coalesce(' ' || array_to_string(p.proacl, ','), '')
  FROM pg_proc p JOIN ns ON p.pronamespace = ns.oid WHERE p.prokind IN ('f', 'p', 'w')
UNION ALL
SELECT 'view', c.relname, pg_get_viewdef(c.oid)
  FROM pg_class c JOIN ns ON c.relnamespace = ns.oid WHERE c.relkind IN ('v', 'm')
UNION ALL
SELECT 'trigger', c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN ns ON c.relnamespace = ns.oid
 WHERE NOT t.tgisinternal
UNION ALL
SELECT 'type', t.typname, format_type(t.oid, NULL)
  FROM pg_type t JOIN ns ON t.typnamespace = ns.oid
 WHERE t.typtype IN ('e', 'd', 'c') AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c')
UNION ALL
SELECT 'schema-grants', 'schema', coalesce(array_to_string(n.nspacl, ','), '')
  FROM pg_namespace n JOIN ns ON n.oid = ns.oid
ORDER BY 1, 2
