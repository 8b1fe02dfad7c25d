-- Carries one unchanged dataset version's features from the live generation into the shadow, inside
-- the database: nothing is read from the artifacts. {columns} is the shadow's column list as
-- feature_geom_columns.sql returned it (server-quoted), equal to live's: both schemas are at the same
-- migration version. OVERRIDING SYSTEM VALUE keeps identity values as live has them.
-- {live} and {shadow} are validated, quoted schema names (load.LiveCarrier). Parameter: the version id.
INSERT INTO {shadow}.feature_geom ({columns}) OVERRIDING SYSTEM VALUE
SELECT {columns}
  FROM {live}.feature_geom
 WHERE dataset_version_id = ?
