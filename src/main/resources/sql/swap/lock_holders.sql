-- Other sessions holding locks on the given schemas (?1, text[]) or on any relation in them. A
-- fallback when nobody could be seen blocking the wait itself: these are the likely culprits.
SELECT DISTINCT a.pid, a.usename, a.application_name, a.xact_start, a.state, left(a.query, 500)
  FROM pg_locks l
  JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.pid <> pg_backend_pid()
   AND l.granted
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND ((l.locktype = 'relation' AND l.relation IN (
            SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ANY (?)))
     OR (l.locktype = 'object' AND l.classid = 'pg_namespace'::regclass AND l.objid IN (
            SELECT oid FROM pg_namespace WHERE nspname = ANY (?))))
 ORDER BY a.xact_start NULLS LAST, a.pid
