package org.kfm.projection.swap;

/**
 * A privilege held on the live generation that the shadow does not hold after the replay, and why.
 *
 * @param object the live object, e.g. {@code table kfm_index.old_table}
 */
public record UnmatchedGrant(String object, String privilege, String grantee, String reason) {
}
