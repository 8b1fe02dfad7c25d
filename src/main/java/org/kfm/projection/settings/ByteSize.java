package org.kfm.projection.settings;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes as operators write it ({@code kfm.load.max-shadow-bytes}) and as messages show
 * it. Units, case-insensitive, with or without a space after the number, which may have a decimal
 * fraction (rounded down to whole bytes):
 * <ul>
 * <li>none or {@code B}: bytes;</li>
 * <li>{@code KB MB GB TB}: decimal, 10^3, 10^6, 10^9, 10^12 (as disks and Kubernetes' {@code G} count);</li>
 * <li>{@code KiB MiB GiB TiB}: binary, 2^10 ... 2^40;</li>
 * <li>{@code K M G T}: binary as well, as {@code -Xmx2g} and {@code df -h} mean them.</li>
 * </ul>
 * (PostgreSQL's own settings read {@code MB} as 2^20; we do not, so {@code 500MB} is 500,000,000 bytes.)
 */
public final class ByteSize {
    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L),
            Map.entry("tb", 1_000_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30),
            Map.entry("tib", 1L << 40),
            Map.entry("k", 1L << 10), Map.entry("m", 1L << 20), Map.entry("g", 1L << 30), Map.entry("t", 1L << 40));

    private ByteSize() {
    }

    /**
     * @throws IllegalArgumentException naming the value and the accepted forms, when it is not a size
     *     of at least one byte
     */
    public static long parse(String text) {
        Matcher m = SYNTAX.matcher(text.strip().toLowerCase(Locale.ROOT));
        Long unit = m.matches() ? UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("'" + text + "' is not a size: a number of bytes, optionally with a unit "
                    + "(KB, MB, GB, TB = powers of 1000; KiB, MiB, GiB, TiB or K, M, G, T = powers of 1024), "
                    + "e.g. 500MB, 20GiB");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is more than " + Long.MAX_VALUE + " bytes");
        }
        long n = bytes.longValue();
        if (n < 1) {
            throw new IllegalArgumentException("'" + text + "' must be at least 1 byte");
        }
        return n;
    }

    /**
     * {@code 52428800} as {@code "50.0 MiB (52,428,800 bytes)"}: binary units, the exact count beside
     * them; under 1 KiB as {@code "512 B"}.
     */
    public static String show(long bytes) {
        return Math.abs(bytes) < 1024 ? human(bytes) : human(bytes) + String.format(Locale.ROOT, " (%,d bytes)", bytes);
    }

    /** {@code 52428800} as {@code "50.0 MiB"}; under 1 KiB as {@code "512 B"}. */
    public static String human(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        if (Math.abs(bytes) < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int i = -1;
        while (Math.abs(v) >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
