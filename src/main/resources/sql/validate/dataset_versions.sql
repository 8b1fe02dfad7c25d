-- The dataset_version rows of a generation (rule 1: one per catalog item, declaring its count).
SELECT dataset_version_id, declared_feature_count
  FROM {schema}.dataset_version
