-- Disk taken by one schema: every table and materialized view with its indexes and TOAST
-- (pg_total_relation_size), i.e. what DROP SCHEMA ... CASCADE gives back. No row when the schema is absent.
SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'm', 'p')
WHERE n.nspname = ?
GROUP BY n.oid
