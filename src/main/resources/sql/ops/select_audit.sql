-- The audit trail, newest first, one page of it (limit ?1, offset ?2): every action and refusal of the service.
SELECT audit_id, at, principal, action, arguments, outcome, run_id, holder_run_id
  FROM {schema}.audit_event
 ORDER BY at DESC, audit_id DESC
 LIMIT ? OFFSET ?
