-- Objects OUTSIDE schema ?1 that depend on objects inside it: views and materialized views (their
-- rewrite rules), functions with SQL-standard bodies, foreign keys, triggers, column defaults,
-- columns of its types, policies. A schema rename leaves them bound by OID to these objects.
-- Extension members and the ops schema (?2) are left out. Parameters: schema, ops schema.
WITH target AS (
    SELECT oid, nspname FROM pg_namespace WHERE nspname = ?
),
inside AS (
    SELECT 'pg_class'::regclass AS classid, c.oid FROM pg_class c JOIN target t ON c.relnamespace = t.oid
    UNION ALL
    SELECT 'pg_proc'::regclass, p.oid FROM pg_proc p JOIN target t ON p.pronamespace = t.oid
    UNION ALL
    SELECT 'pg_type'::regclass, y.oid FROM pg_type y JOIN target t ON y.typnamespace = t.oid
),
dep AS (
    -- one index probe per object of the schema (pg_depend_reference_index), not a range scan
    SELECT DISTINCT d.classid, d.objid, d.refclassid, d.refobjid
      FROM inside i
     CROSS JOIN LATERAL (SELECT * FROM pg_depend x
                          WHERE x.refclassid = i.classid AND x.refobjid = i.oid AND x.deptype IN ('n', 'a')
                         OFFSET 0) d
),
owned AS (
    -- the relation a rule, default, trigger, constraint or policy belongs to
    SELECT dep.*, co.contype,
           COALESCE(r.ev_class, ad.adrelid, tg.tgrelid, NULLIF(co.conrelid, 0), po.polrelid,
                    CASE WHEN dep.classid = 'pg_class'::regclass THEN dep.objid END) AS relid,
           COALESCE(pr.pronamespace, ty.typnamespace, co.connamespace) AS own_namespace
      FROM dep
      LEFT JOIN pg_rewrite r ON dep.classid = 'pg_rewrite'::regclass AND r.oid = dep.objid
      LEFT JOIN pg_attrdef ad ON dep.classid = 'pg_attrdef'::regclass AND ad.oid = dep.objid
      LEFT JOIN pg_trigger tg ON dep.classid = 'pg_trigger'::regclass AND tg.oid = dep.objid
      LEFT JOIN pg_constraint co ON dep.classid = 'pg_constraint'::regclass AND co.oid = dep.objid
      LEFT JOIN pg_policy po ON dep.classid = 'pg_policy'::regclass AND po.oid = dep.objid
      LEFT JOIN pg_proc pr ON dep.classid = 'pg_proc'::regclass AND pr.oid = dep.objid
      LEFT JOIN pg_type ty ON dep.classid = 'pg_type'::regclass AND ty.oid = dep.objid
),
described AS (
    SELECT o.classid, o.objid, o.relid, o.contype, rel.relkind, ns.nspname AS schema_name,
           pg_identify_object(o.classid, o.objid, 0) AS obj,
           pg_identify_object(o.refclassid, o.refobjid, 0) AS ref
      FROM owned o
      LEFT JOIN pg_class rel ON rel.oid = o.relid
      LEFT JOIN pg_namespace ns ON ns.oid = COALESCE(rel.relnamespace, o.own_namespace)
)
SELECT CASE WHEN d.classid = 'pg_rewrite'::regclass
                 THEN CASE d.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END
            WHEN d.classid = 'pg_constraint'::regclass AND d.contype = 'f' THEN 'foreign key'
            ELSE (d.obj).type END AS kind,
       CASE WHEN d.classid = 'pg_rewrite'::regclass
                 THEN (pg_identify_object('pg_class'::regclass, d.relid, 0)).identity
            ELSE (d.obj).identity END AS name,
       d.schema_name,
       array_agg(DISTINCT (d.ref).type || ' ' || (d.ref).identity) AS targets
  FROM described d
 WHERE d.schema_name IS DISTINCT FROM (SELECT nspname FROM target)
   AND d.schema_name IS DISTINCT FROM ?
   AND d.schema_name IS DISTINCT FROM 'pg_toast'
   AND NOT EXISTS (
        SELECT 1 FROM pg_depend e
         WHERE e.deptype = 'e'
           AND ((e.classid = d.classid AND e.objid = d.objid)
                OR (e.classid = 'pg_class'::regclass AND e.objid = d.relid)))
 GROUP BY 1, 2, 3
 ORDER BY 3, 2, 1
