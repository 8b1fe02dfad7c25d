package org.kfm.projection.history;

import java.util.Locale;
import java.util.Optional;

/** What a recorded run did. */
public enum RunKind {
    REBUILD, MIGRATE, SMOKE, VALIDATE, ROLLBACK, PRUNE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Case-insensitive, for filters; empty when no kind has that name. */
    public static Optional<RunKind> parse(String text) {
        for (RunKind k : values()) {
            if (k.dbValue().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
