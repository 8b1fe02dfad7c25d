package org.kfm.projection.migrate;

import java.time.Duration;
import java.util.List;

/** What one migrate call did to one schema. */
public record MigrationResult(String schema, String fromVersion, String toVersion, List<AppliedMigration> applied,
        Duration duration) {

    public MigrationResult {
        applied = List.copyOf(applied);
    }
}
