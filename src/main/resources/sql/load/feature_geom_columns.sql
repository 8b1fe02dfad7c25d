-- The columns a carry copies, in table order, each quoted by the server: every column the migrations
-- created except generated ones (the server computes those). Parameter: the table, as a quoted
-- schema-qualified name ("schema".feature_geom); a missing table gives NULL.
SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
  FROM pg_attribute a
 WHERE a.attrelid = to_regclass(?)
   AND a.attnum > 0
   AND NOT a.attisdropped
   AND a.attgenerated = ''
