-- Rollback: live and previous trade places.
UPDATE {schema}.generation
   SET status = CASE status WHEN 'live' THEN 'previous' ELSE 'live' END,
       swapped_in_at = CASE status WHEN 'previous' THEN ? ELSE swapped_in_at END
 WHERE projection = ? AND status IN ('live', 'previous')
