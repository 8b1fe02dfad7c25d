package org.kfm.projection.swap;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kfm.projection.db.PgIdentifier;

/**
 * The schema names of one projection's generations. Only the base is configurable; the suffixes
 * are fixed so every tool finds the same schemas: live {@code <base>}, shadow {@code <base>_shadow},
 * previous {@code <base>_prev}, retired {@code <base>_retired_<generation>}.
 */
public record GenerationNames(PgIdentifier base) {
    public static final String SHADOW = "_shadow";
    public static final String PREVIOUS = "_prev";
    public static final String RETIRED = "_retired_";
    /** Name a rollback parks live under for the middle rename; never visible after commit. */
    public static final String ROLLBACK_TEMP = "_rollback";

    public GenerationNames {
        Objects.requireNonNull(base, "base");
        // a retired name with a 10-digit generation must still be a valid identifier (as Settings checks)
        base.suffixed(RETIRED + "0000000000");
    }

    public PgIdentifier live() {
        return base;
    }

    public PgIdentifier shadow() {
        return base.suffixed(SHADOW);
    }

    public PgIdentifier previous() {
        return base.suffixed(PREVIOUS);
    }

    public PgIdentifier retired(long generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative: " + generation);
        }
        return base.suffixed(RETIRED + generation);
    }

    public PgIdentifier rollbackTemp() {
        return base.suffixed(ROLLBACK_TEMP);
    }

    /** The generation number in a retired schema's name, or empty when {@code schema} is not one. */
    public OptionalLong retiredGeneration(String schema) {
        Matcher m = Pattern.compile(Pattern.quote(base.name() + RETIRED) + "([0-9]{1,18})").matcher(schema);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** A POSIX regular expression (for {@code ~}) matching exactly the retired schemas' names. */
    String retiredRegex() {
        return "^" + base.name() + RETIRED + "[0-9]+$";
    }
}
