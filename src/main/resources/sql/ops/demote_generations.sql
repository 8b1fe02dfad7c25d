-- The swap's bookkeeping: live becomes previous, previous becomes retired.
UPDATE {schema}.generation
   SET status = CASE status WHEN 'live' THEN 'previous' ELSE 'retired' END,
       retired_at = CASE status WHEN 'previous' THEN ? ELSE retired_at END
 WHERE projection = ? AND status IN ('live', 'previous')
