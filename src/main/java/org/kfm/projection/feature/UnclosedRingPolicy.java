package org.kfm.projection.feature;

/**
 * What a reader does with a polygon ring whose last position differs from its first (setting
 * {@code kfm.input.unclosed-ring}, environment {@code KFM_INPUT_UNCLOSED_RING}).
 */
public enum UnclosedRingPolicy {
    /** Refuse the artifact: {@code malformed-geometry}, naming the ring and the setting. The default. */
    REJECT,
    /**
     * Close the ring by appending a copy of its first position, as GDAL does, and count the feature in
     * {@link Feature#closedRings()} so the repair is listed (parity report and receipt).
     */
    CLOSE;

    /** The setting that chooses the policy, for messages that tell the operator what to change. */
    public static final String SETTING = "kfm.input.unclosed-ring (KFM_INPUT_UNCLOSED_RING)";
}
