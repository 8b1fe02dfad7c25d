-- Sessions the backend ?1 is waiting for, while it waits (pg_blocking_pids: lock holders and
-- sessions ahead of it in the lock queue, transaction-id waits on catalog rows included).
SELECT a.pid, a.usename, a.application_name, a.xact_start, a.state, left(a.query, 500)
  FROM pg_stat_activity a
 WHERE a.pid = ANY (pg_blocking_pids(?))
 ORDER BY a.xact_start NULLS LAST, a.pid
