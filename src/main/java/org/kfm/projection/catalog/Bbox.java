package org.kfm.projection.catalog;

/**
 * An item's bounding box in WGS 84 longitude/latitude degrees. As in RFC 7946 section 5.2, a box
 * crossing the antimeridian has {@code minX > maxX}.
 */
public record Bbox(double minX, double minY, double maxX, double maxY) {
    public Bbox {
        if (!Double.isFinite(minX) || !Double.isFinite(minY) || !Double.isFinite(maxX) || !Double.isFinite(maxY)) {
            throw new IllegalArgumentException("bbox values must be finite numbers");
        }
        if (minY > maxY) {
            throw new IllegalArgumentException("bbox minY " + minY + " is above maxY " + maxY);
        }
    }

    /** Whether the box spans the antimeridian (west edge east of the east edge). */
    public boolean crossesAntimeridian() {
        return minX > maxX;
    }
}
