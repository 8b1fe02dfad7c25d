-- Purpose: Test fixture: a migration whose result depends on the rows it meets.
-- Risk: low
-- Rollback: none
-- Notes: adds feature_geom.extra only when feature_geom is empty, so a fresh schema gets the
--   column and an N-1 schema with rows does not. smoke must report that as schema drift.
-- Rebuild: none (fixture)

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM feature_geom) THEN
        ALTER TABLE feature_geom ADD COLUMN extra text;
    END IF;
END
$$;
