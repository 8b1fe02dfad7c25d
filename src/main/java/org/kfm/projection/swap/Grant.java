package org.kfm.projection.swap;

/**
 * A privilege applied to the shadow generation.
 *
 * @param object what it is on, e.g. {@code table kfm_index_shadow.feature_geom}
 * @param statement the statement that was run
 */
public record Grant(String object, String privilege, String grantee, boolean grantable, String statement) {
}
