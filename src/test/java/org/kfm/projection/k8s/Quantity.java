package org.kfm.projection.k8s;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 512Mi}, {@code 1G}, {@code 250m}, {@code 0.5}) as numbers. */
final class Quantity {
    private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([A-Za-z]*)");
    private static final Map<String, Long> MEMORY = Map.of("", 1L, "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30,
            "Ti", 1L << 40, "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);

    private Quantity() {
    }

    /** A memory quantity in bytes. */
    static long bytes(String q) {
        Matcher m = parse(q);
        Long unit = MEMORY.get(m.group(2));
        if (unit == null) {
            throw new AssertionError("unknown memory unit in '" + q + "'");
        }
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).longValue();
    }

    /** A CPU quantity in millicores. */
    static long millis(String q) {
        Matcher m = parse(q);
        return switch (m.group(2)) {
            case "m" -> new BigDecimal(m.group(1)).longValue();
            case "" -> new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1000)).longValue();
            default -> throw new AssertionError("unknown CPU unit in '" + q + "'");
        };
    }

    private static Matcher parse(String q) {
        Matcher m = QUANTITY.matcher(q);
        if (!m.matches()) {
            throw new AssertionError("not a Kubernetes quantity: '" + q + "'");
        }
        return m;
    }
}
