package org.kfm.projection.swap;

import java.util.List;

/**
 * The outcome of replaying the live generation's privileges on the shadow.
 *
 * @param applied the statements run (grants the shadow did not hold yet, then the reader role's)
 * @param unmatched privileges held on live that the shadow still does not hold, with the reason:
 *     empty means the shadow's ACLs include live's, object by object (matched by name)
 * @param notes what is worth a look but not a gap: different owners, privileges the shadow
 *     grants beyond live's (for example EXECUTE to PUBLIC that live had revoked)
 */
public record GrantReport(String live, String shadow, List<Grant> applied, List<UnmatchedGrant> unmatched,
        List<String> notes) {

    public GrantReport {
        applied = List.copyOf(applied);
        unmatched = List.copyOf(unmatched);
        notes = List.copyOf(notes);
    }

    /** True when every privilege held on live is held on the shadow too. */
    public boolean complete() {
        return unmatched.isEmpty();
    }
}
