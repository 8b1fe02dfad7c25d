package org.kfm.projection.migrate;

import java.util.List;

/**
 * What {@code smoke} found: the fresh path, the N-1 path (skipped when there is only one
 * version), the object-by-object comparison and whether a second migrate was a no-op.
 */
public record SmokeReport(String freshSchema, String n1Schema, String latestVersion, String previousVersion,
        List<AppliedMigration> freshApplied, List<AppliedMigration> n1Applied, SchemaDiff diff, int reapplied,
        int objectsCompared) {

    public boolean n1Skipped() {
        return previousVersion == null;
    }

    public boolean passed() {
        return diff.isEmpty() && reapplied == 0;
    }
}
