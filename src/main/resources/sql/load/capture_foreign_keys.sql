-- FOREIGN KEY constraints of the tables of one schema (bound as ?): they depend on the unique
-- indexes set aside, so they go first and come back last. Run with search_path = pg_catalog.
SELECT format('%I.%I', n.nspname, t.relname)                        AS qualified_table,
       t.relname                                                     AS table_name,
       c.conname                                                     AS constraint_name,
       quote_ident(c.conname)                                        AS quoted_constraint,
       pg_get_constraintdef(c.oid)                                   AS constraint_def,
       CASE WHEN obj_description(c.oid, 'pg_constraint') IS NOT NULL
            THEN format('COMMENT ON CONSTRAINT %I ON %I.%I IS %L', c.conname, n.nspname, t.relname,
                        obj_description(c.oid, 'pg_constraint')) END AS comment_sql
  FROM pg_constraint c
  JOIN pg_class t ON t.oid = c.conrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = ?
   AND c.contype = 'f'
   AND c.conparentid = 0
 ORDER BY t.relname, c.conname
