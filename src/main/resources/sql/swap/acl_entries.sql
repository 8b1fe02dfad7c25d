-- Every privilege held on schema ?1 and on its tables, views, sequences, columns and routines,
-- plus the schema's default privileges: one row per (object, grantee, privilege), and one row with
-- a NULL grantee for an object nobody holds anything on (so every object is listed). A NULL ACL
-- is read as PostgreSQL's default for the object (acldefault), so "never granted" and "the
-- defaults" compare equal. Rows of the owners' own privileges are flagged: ownership is not a grant.
WITH ns AS (
    SELECT oid, nspowner, nspacl FROM pg_namespace WHERE nspname = ?
),
objects AS (
    SELECT 'schema' AS kind, '' AS name, '' AS args, '' AS column_name, ns.nspowner AS owner,
           COALESCE(ns.nspacl, acldefault('n', ns.nspowner)) AS acl
      FROM ns
    UNION ALL
    SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END, c.relname, '', '', c.relowner,
           COALESCE(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))
      FROM pg_class c JOIN ns ON c.relnamespace = ns.oid
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    UNION ALL
    SELECT 'column', c.relname, '', a.attname, c.relowner, a.attacl
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN ns ON c.relnamespace = ns.oid
     WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, p.proname,
           pg_get_function_identity_arguments(p.oid), '', p.proowner,
           COALESCE(p.proacl, acldefault('f', p.proowner))
      FROM pg_proc p JOIN ns ON p.pronamespace = ns.oid
    UNION ALL
    SELECT 'default', pg_get_userbyid(d.defaclrole),
           CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                                WHEN 'T' THEN 'TYPES' ELSE 'SCHEMAS' END,
           '', NULL::oid, d.defaclacl
      FROM pg_default_acl d JOIN ns ON d.defaclnamespace = ns.oid
)
SELECT o.kind, o.name, o.args, o.column_name,
       CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(e.grantee) END AS grantee,
       e.privilege_type, COALESCE(e.is_grantable, false),
       COALESCE(e.grantee = o.owner, false) AS grantee_is_owner,
       COALESCE(pg_get_userbyid(o.owner), '') AS owner
  FROM objects o
  LEFT JOIN LATERAL aclexplode(o.acl) e ON true
 ORDER BY 1, 2, 3, 4, 5, 6
