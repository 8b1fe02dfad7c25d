package org.kfm.projection.db;

import java.util.Objects;
import java.util.regex.Pattern;
import org.kfm.projection.error.UsageException;

/**
 * A PostgreSQL identifier (schema, table, role, channel) that came from configuration. Validated on
 * creation against a strict pattern and only ever rendered quoted, so no configured name can change
 * the shape of a statement.
 */
public record PgIdentifier(String name) {
    private static final Pattern SAFE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PgIdentifier {
        Objects.requireNonNull(name, "name");
        if (!SAFE.matcher(name).matches()) {
            throw new UsageException("invalid-identifier",
                    "'" + name + "' is not an allowed identifier: use 1-63 lower-case letters, digits or '_', "
                            + "starting with a letter or '_'");
        }
    }

    public static PgIdentifier of(String name) {
        return new PgIdentifier(name);
    }

    /** The identifier quoted for SQL text, e.g. {@code "kfm_index"}. */
    public String quoted() {
        return '"' + name + '"';
    }

    /** A new identifier with a suffix, e.g. {@code kfm_index} + {@code _shadow}. Validated again. */
    public PgIdentifier suffixed(String suffix) {
        return new PgIdentifier(name + suffix);
    }

    @Override
    public String toString() {
        return name;
    }
}
