package org.kfm.projection.migrate.lint;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem in one migration file.
 *
 * @param file     the file as reached from the linted directory, e.g. {@code migrations/postgis/0010__tables.sql}
 * @param line     1-based line, or 0 when the finding is about the file as a whole (its name, its place)
 * @param rule     stable kebab-case rule id, e.g. {@code transaction-control}
 * @param severity error or warning
 * @param message  what is wrong, naming the offending value
 * @param fix      what to do about it
 */
public record Finding(String file, int line, String rule, Severity severity, String message, String fix) {
    /** File, then line, then rule: the order a reader walks a directory in. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file)
            .thenComparingInt(Finding::line).thenComparing(Finding::rule).thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }
}
