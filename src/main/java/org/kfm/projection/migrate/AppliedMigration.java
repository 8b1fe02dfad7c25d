package org.kfm.projection.migrate;

/**
 * A migration recorded in a schema's history: Flyway's version, description, script and CRC32
 * checksum, plus the SHA-256 of the script text (when the script is still in the source).
 */
public record AppliedMigration(String version, String description, String script, Integer flywayChecksum,
        String sha256) {
}
