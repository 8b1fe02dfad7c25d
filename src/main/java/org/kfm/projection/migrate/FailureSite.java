package org.kfm.projection.migrate;

/**
 * Where a failed migrate call stopped, for the error message: the role that ran it, the last
 * version the schema's history records as successful, and the first migration file not applied
 * (the one that failed, as Flyway applies files in order). Any part may be unknown (null).
 */
record FailureSite(String role, String schemaVersion, String failedScript) {
    static final FailureSite UNKNOWN = new FailureSite(null, null, null);

    String script() {
        return failedScript == null ? "the next pending migration" : failedScript;
    }

    String version() {
        return schemaVersion == null ? "empty (no migration applied)" : "at " + schemaVersion;
    }

    String roleName() {
        return role == null ? "the migrating role" : "role " + role;
    }
}
