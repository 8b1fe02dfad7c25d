package org.kfm.projection.diff;

/** How a feature differs between the two sides of a diff. */
public enum Change {
    /** Only in the {@code to} side. */
    ADDED,
    /** Only in the {@code from} side. */
    REMOVED,
    /** On both sides, with a different geometry or different properties. */
    CHANGED;

    /** The lower-case word used in text, JSON and GeoJSON output ({@code kfm:change}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
