-- A shadow that starts as a copy of the live generation it_diff; DiffReportsKnownChangesIT then
-- changes a known set of its rows.
CREATE SCHEMA it_diff_shadow;
CREATE TABLE it_diff_shadow.dataset_version (LIKE it_diff.dataset_version INCLUDING ALL);
CREATE TABLE it_diff_shadow.feature_geom (LIKE it_diff.feature_geom INCLUDING ALL);
INSERT INTO it_diff_shadow.dataset_version SELECT * FROM it_diff.dataset_version;
INSERT INTO it_diff_shadow.feature_geom SELECT * FROM it_diff.feature_geom;
