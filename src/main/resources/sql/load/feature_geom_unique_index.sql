-- Whether feature_geom of one schema (bound as ?) has a unique index (its primary key, when the
-- indexes were not set aside). The loader then keeps one COPY stream per artifact: two streams of one
-- version inserting the same key would wait on each other's open transaction for ever.
SELECT EXISTS (SELECT 1
                 FROM pg_index x
                 JOIN pg_class t ON t.oid = x.indrelid
                 JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ?
                  AND t.relname = 'feature_geom'
                  AND x.indisunique)
