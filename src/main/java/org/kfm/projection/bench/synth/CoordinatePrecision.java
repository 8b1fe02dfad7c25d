package org.kfm.projection.bench.synth;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How the generator writes coordinates: rounded to a number of decimals (0 to 15), or at full double
 * precision, each coordinate the computed double itself, written as the shortest text that reads back to it
 * (15 to 17 significant digits, as GDAL, QGIS and most exporters write them). Rounding does not change which
 * features are generated, only their coordinates.
 *
 * @param decimals the number of decimals to round to; empty for full precision
 */
public record CoordinatePrecision(OptionalInt decimals) {
    public static final int MAX_DECIMALS = 15;
    /** No rounding, as real exporters write: 1,000,000 features give 493 MB of GeoJSON (370.5 MB at 6 decimals). */
    public static final CoordinatePrecision FULL = new CoordinatePrecision(OptionalInt.empty());
    /** 1e-6 degree (about 0.1 m): the generator's original and default precision. */
    public static final CoordinatePrecision DEFAULT = decimals(6);

    // exact: every power of ten up to 1e22 is a double
    private static final double[] SCALES = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};

    public CoordinatePrecision {
        Objects.requireNonNull(decimals, "decimals (empty for full precision)");
        if (decimals.isPresent() && (decimals.getAsInt() < 0 || decimals.getAsInt() > MAX_DECIMALS)) {
            throw new IllegalArgumentException("coordinate precision must be 0 to " + MAX_DECIMALS
                    + " decimals or full, got " + decimals.getAsInt());
        }
    }

    /**
     * @throws IllegalArgumentException when {@code decimals} is outside 0..15
     */
    public static CoordinatePrecision decimals(int decimals) {
        return new CoordinatePrecision(OptionalInt.of(decimals));
    }

    /**
     * Reads what {@link #label()} writes: {@code full} (any case) or a number of decimals, 0 to 15.
     *
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public static CoordinatePrecision parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("full")) {
            return FULL;
        }
        if (!t.isEmpty() && t.length() <= 2 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int d = Integer.parseInt(t);
            if (d <= MAX_DECIMALS) {
                return decimals(d);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a coordinate precision: use a number of decimals "
                + "from 0 to " + MAX_DECIMALS + " (6 is about 0.1 m) or 'full' for unrounded doubles");
    }

    public boolean isFull() {
        return decimals.isEmpty();
    }

    /** {@code full} or the number of decimals: what {@link #parse} reads, and safe in a file name. */
    public String label() {
        return isFull() ? "full" : Integer.toString(decimals.getAsInt());
    }

    /** For people: {@code full precision}, {@code 6 decimals}. */
    public String describe() {
        if (isFull()) {
            return "full precision";
        }
        int d = decimals.getAsInt();
        return String.format(Locale.ROOT, "%d decimal%s", d, d == 1 ? "" : "s");
    }

    /** The coordinate as written: rounded half up to the decimals, or unchanged at full precision. */
    double apply(double v) {
        if (isFull()) {
            return v;
        }
        double scale = SCALES[decimals.getAsInt()];
        return Math.round(v * scale) / scale;
    }

    @Override
    public String toString() {
        return label();
    }
}
