-- Every index on the tables of one schema (bound as ?), with the PRIMARY KEY, UNIQUE or EXCLUDE
-- constraint it backs, if any. Run with search_path = pg_catalog so every name in the definitions
-- comes out schema-qualified and means the same on any connection. Statements for comments and
-- CLUSTER ON are built here too, so values are quoted by the server (%L), never by us.
SELECT format('%I.%I', n.nspname, t.relname)                        AS qualified_table,
       t.relname                                                     AS table_name,
       i.relname                                                     AS index_name,
       format('%I.%I', n.nspname, i.relname)                        AS qualified_index,
       quote_ident(i.relname)                                        AS quoted_index,
       pg_get_indexdef(x.indexrelid)                                 AS index_def,
       c.contype::text                                               AS constraint_type,
       pg_get_constraintdef(c.oid)                                   AS constraint_def,
       coalesce(c.condeferrable, false)                              AS deferrable,
       coalesce(c.condeferred, false)                                AS deferred,
       CASE WHEN x.indisclustered
            THEN format('ALTER TABLE %I.%I CLUSTER ON %I', n.nspname, t.relname, i.relname) END
                                                                     AS cluster_sql,
       CASE WHEN c.oid IS NOT NULL AND obj_description(c.oid, 'pg_constraint') IS NOT NULL
            THEN format('COMMENT ON CONSTRAINT %I ON %I.%I IS %L', c.conname, n.nspname, t.relname,
                        obj_description(c.oid, 'pg_constraint'))
            WHEN c.oid IS NULL AND obj_description(x.indexrelid, 'pg_class') IS NOT NULL
            THEN format('COMMENT ON INDEX %I.%I IS %L', n.nspname, i.relname,
                        obj_description(x.indexrelid, 'pg_class')) END AS comment_sql,
       -- key columns (INCLUDE columns left out); NULL when a key is an expression
       CASE WHEN 0 = ANY (x.indkey::int2[]) THEN NULL
            ELSE ARRAY(SELECT quote_ident(a.attname)
                         FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                        WHERE k.ord <= x.indnkeyatts
                        ORDER BY k.ord) END                          AS key_columns,
       pg_relation_size(t.oid)                                       AS table_bytes
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class t ON t.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
                           AND c.contype IN ('p', 'u', 'x')
 WHERE n.nspname = ?
   AND t.relkind IN ('r', 'p', 'm')
   AND NOT i.relispartition
 ORDER BY t.relname, i.relname
