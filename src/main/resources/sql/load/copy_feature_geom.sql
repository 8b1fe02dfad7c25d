-- One binary COPY per data asset. The column order is the field order AssetCopier encodes.
COPY {schema}.feature_geom (dataset_version_id, feature_id, geom, properties, evidence_ref, updated_at, feature_index)
FROM STDIN (FORMAT binary)
