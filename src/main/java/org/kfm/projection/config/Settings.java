package org.kfm.projection.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;

/**
 * The validated, immutable configuration the core works with. Built once; every problem in the
 * raw configuration is reported together.
 */
public record Settings(PgIdentifier projection, PgIdentifier opsSchema, PgIdentifier extensionSchema, int srid,
        String migrationsLocation, Optional<String> catalogUri, Optional<String> triggeredBy) {

    /** Suffixes of the other generations; fixed by design, only the base name is configurable. */
    public static final String SHADOW = "_shadow";
    public static final String PREVIOUS = "_prev";

    public static Settings from(KfmConfig c) {
        List<String> problems = new ArrayList<>();
        PgIdentifier projection = identifier("kfm.projection.name", () -> PgIdentifier.of(c.projection().name()),
                problems);
        if (projection != null) {
            // the longest derived name must still be a valid identifier
            identifier("kfm.projection.name", () -> projection.suffixed("_retired_0000000000"), problems);
        }
        PgIdentifier ops = identifier("kfm.ops-schema", () -> PgIdentifier.of(c.opsSchema()), problems);
        PgIdentifier ext = identifier("kfm.extension-schema", () -> PgIdentifier.of(c.extensionSchema()), problems);
        if (c.projection().srid() <= 0) {
            problems.add("kfm.projection.srid: must be a positive EPSG code, got " + c.projection().srid());
        }
        if (projection != null && ops != null && ops.name().startsWith(projection.name())) {
            problems.add("kfm.ops-schema: '" + ops + "' must not start with the projection name '" + projection
                    + "' (swaps rename schemas with that prefix)");
        }
        if (!problems.isEmpty()) {
            throw new UsageException("invalid-config", "invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        return new Settings(projection, ops, ext, c.projection().srid(), c.migrations().location(),
                c.catalog().uri().filter(s -> !s.isBlank()), c.triggeredBy().filter(s -> !s.isBlank()));
    }

    private static PgIdentifier identifier(String key, Supplier<PgIdentifier> make, List<String> problems) {
        try {
            return make.get();
        } catch (KfmException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }

    public PgIdentifier shadow() {
        return projection.suffixed(SHADOW);
    }

    public PgIdentifier previous() {
        return projection.suffixed(PREVIOUS);
    }
}
