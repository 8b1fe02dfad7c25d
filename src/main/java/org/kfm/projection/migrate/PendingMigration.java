package org.kfm.projection.migrate;

import java.util.Objects;
import java.util.Optional;

/**
 * A migration file a schema at some version has not had: what a rebuild's plan lists for the step
 * from live's migration version to the latest.
 *
 * @param version the file's version ({@code 0050})
 * @param script  the file name ({@code 0050__feature_geom_feature_index.sql})
 * @param rebuild the header's {@code Rebuild:} note, continuation lines joined; empty when it has none
 */
public record PendingMigration(String version, String script, Optional<String> rebuild) {
    public PendingMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(rebuild, "rebuild");
    }
}
