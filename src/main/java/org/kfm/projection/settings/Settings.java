package org.kfm.projection.settings;

import java.util.Objects;
import java.util.Optional;
import org.kfm.projection.db.PgIdentifier;

/**
 * What every command works on: the projection, where its records and extensions live, the SRID of
 * its geometries, its migrations, the default catalog, who CLI runs are recorded as, and the role
 * readers use. Built once at start-up from the validated configuration (or by a test); each value
 * here is owned by this record alone: the step settings that need one (swap, load, parity) are
 * derived from it by {@code run.CoreWiring}, never configured a second time.
 *
 * @param readerRole {@code kfm.swap.reader-role}: granted USAGE, SELECT and EXECUTE on every new
 *     generation, and checked by parity rule 7
 */
public record Settings(PgIdentifier projection, PgIdentifier opsSchema, PgIdentifier extensionSchema, int srid,
        String migrationsLocation, Optional<String> catalogUri, Optional<String> triggeredBy,
        Optional<PgIdentifier> readerRole) {

    /** Suffixes of the other generations; fixed by design, only the base name is configurable. */
    public static final String SHADOW = "_shadow";
    public static final String PREVIOUS = "_prev";

    public Settings {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(opsSchema, "opsSchema");
        Objects.requireNonNull(extensionSchema, "extensionSchema");
        Objects.requireNonNull(catalogUri, "catalogUri");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        Objects.requireNonNull(readerRole, "readerRole");
    }

    /** The settings without a reader role. */
    public Settings(PgIdentifier projection, PgIdentifier opsSchema, PgIdentifier extensionSchema, int srid,
            String migrationsLocation, Optional<String> catalogUri, Optional<String> triggeredBy) {
        this(projection, opsSchema, extensionSchema, srid, migrationsLocation, catalogUri, triggeredBy,
                Optional.empty());
    }

    public PgIdentifier shadow() {
        return projection.suffixed(SHADOW);
    }

    public PgIdentifier previous() {
        return projection.suffixed(PREVIOUS);
    }

    /** These settings for another projection (the benchmark's own), as a run of {@code triggeredBy}. */
    public Settings forProjection(PgIdentifier other, Optional<String> triggeredBy, Optional<PgIdentifier> reader) {
        return new Settings(other, opsSchema, extensionSchema, srid, migrationsLocation, Optional.empty(),
                triggeredBy, reader);
    }
}
