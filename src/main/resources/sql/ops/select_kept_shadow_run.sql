-- The newest rebuild whose receipt says it kept this shadow schema (data.shadow = kept): status names it as
-- the reason a shadow is there. Asked only when the shadow schema exists and no run holds the lock; walks
-- rebuild_run_kind_started_idx newest first and stops at the first match (normally the newest rebuild).
SELECT run_id, kind, projection, state, triggered_by, trigger, started_at, finished_at, outcome,
       error_code, error_rule, error_message, catalog_uri, catalog_digest, generation, progress, receipt
  FROM {schema}.rebuild_run
 WHERE projection = ? AND kind = 'rebuild'
   AND receipt -> 'data' ->> 'shadow' = 'kept' AND receipt -> 'data' ->> 'shadowSchema' = ?
 ORDER BY started_at DESC
 LIMIT 1
