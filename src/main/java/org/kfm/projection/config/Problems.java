package org.kfm.projection.config;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;

/**
 * The problems of one validation pass, one line each naming its key, and the parsers that add to
 * them. A parser that finds a problem returns a stand-in value so the pass goes on to the next
 * setting; {@link #throwIfAny()} ends the pass with every line at once.
 */
final class Problems {
    private final List<String> lines = new ArrayList<>();

    void add(String key, String problem) {
        lines.add(key + ": " + problem);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** @throws UsageException rule {@code invalid-config} (exit 2) listing every problem, when there is one */
    void throwIfAny() {
        if (!lines.isEmpty()) {
            throw new UsageException("invalid-config", "invalid configuration (" + lines.size() + " problem"
                    + (lines.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", lines));
        }
    }

    int integer(String key, String value, int min, int max, String range) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
            add(key, "must be " + range + ", got " + n);
        } catch (NumberFormatException e) {
            add(key, "'" + value + "' is not a whole number (" + range + ")");
        }
        return min;
    }

    double number(String key, String value, double min, double max, String range) {
        try {
            double d = Double.parseDouble(value.strip());
            if (d >= min && d <= max) {
                return d;
            }
            add(key, "must be " + range + ", got " + d);
        } catch (NumberFormatException e) {
            add(key, "'" + value + "' is not a number (" + range + ")");
        }
        return min;
    }

    boolean bool(String key, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        add(key, "'" + value + "' is not true or false");
        return false;
    }

    /** A duration of at least {@code min}: ISO-8601 ({@code PT2S}) or the short form ({@code 2s}, {@code 200ms}). */
    Duration duration(String key, String value, Duration min, String rule) {
        Duration d;
        try {
            d = DurationConverter.parseDuration(value.strip());
        } catch (RuntimeException e) {
            d = null;
        }
        if (d == null) {
            add(key, "'" + value + "' is not a duration (e.g. 2s, 500ms, PT2S)");
            return min;
        }
        if (d.compareTo(min) < 0) {
            add(key, rule + ", got " + d);
            return min;
        }
        return d;
    }

    <E extends Enum<E>> E choice(Class<E> type, String key, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            add(key, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
            return type.getEnumConstants()[0];
        }
    }

    /** A value that must pass {@code make}; its {@link KfmException} message becomes the problem. */
    <T> Optional<T> valid(String key, Supplier<T> make) {
        try {
            return Optional.of(make.get());
        } catch (KfmException | IllegalArgumentException e) {
            add(key, e.getMessage());
            return Optional.empty();
        }
    }

    Optional<PgIdentifier> identifier(String key, String value) {
        return valid(key, () -> PgIdentifier.of(value));
    }
}
