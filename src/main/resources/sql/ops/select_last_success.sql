-- The end of the newest rebuild that left the projection current: swapped in, or skipped as unchanged.
SELECT max(finished_at) FROM {schema}.rebuild_run
 WHERE projection = ? AND kind = 'rebuild' AND outcome IN ('SUCCEEDED', 'SKIPPED')
