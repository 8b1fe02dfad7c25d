package org.kfm.projection.validate;

/** What parity does with invalid ({@code NOT ST_IsValid}) and empty ({@code ST_IsEmpty}) geometries (DESIGN §5 rule 4). */
public enum InvalidGeometryPolicy {
    /** Keep them exactly as published and list them (warnings, not failures). The default. */
    REPORT,
    /** Any invalid or empty geometry fails parity. */
    REJECT,
    /**
     * Replace each invalid geometry by {@code ST_MakeValid(geom)} (same SRID; the type may change),
     * list every repair, and use the digest taken after repair. Empty geometries cannot be repaired
     * and are reported as under {@link #REPORT}.
     */
    REPAIR
}
