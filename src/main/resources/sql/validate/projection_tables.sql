-- Which of the tables parity reads exist in the schema (it cannot run without them).
-- Parameters: 1 schema name.
SELECT c.relname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ? AND c.relname IN ('feature_geom', 'dataset_version') AND c.relkind IN ('r', 'p')
