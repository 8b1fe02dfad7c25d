-- How many rows the audit trail holds (what select_audit pages through).
SELECT count(*) FROM {schema}.audit_event
