package org.kfm.projection.validate;

import java.util.Locale;

/**
 * A 2D box in WGS 84 degrees, {@code [minX, minY, maxX, maxY]} as in a STAC bbox. As in RFC 7946
 * §5.2, {@code minX > maxX} means the box crosses the antimeridian: it covers longitudes
 * {@code [minX, 180] ∪ [-180, maxX]}.
 */
public record Extent(double minX, double minY, double maxX, double maxY) {

    public boolean crossesAntimeridian() {
        return minX > maxX;
    }

    /**
     * The smallest box holding both. A box crossing the antimeridian widens the union to all
     * longitudes: good enough to say "what changed" to a tile cache, never smaller than the truth.
     */
    public Extent union(Extent other) {
        double lo = Math.min(minY, other.minY);
        double hi = Math.max(maxY, other.maxY);
        if (crossesAntimeridian() || other.crossesAntimeridian()) {
            return new Extent(-180, lo, 180, hi);
        }
        return new Extent(Math.min(minX, other.minX), lo, Math.max(maxX, other.maxX), hi);
    }

    /** E.g. {@code [-102.0, 37.0, -94.6, 40.0]}, with up to 9 decimals. */
    @Override
    public String toString() {
        return "[" + num(minX) + ", " + num(minY) + ", " + num(maxX) + ", " + num(maxY) + "]";
    }

    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.9f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }
}
