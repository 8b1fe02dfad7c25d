package org.kfm.projection.swap;

import java.util.List;

/**
 * A schema that could not be dropped, and why: a lock timeout (with the sessions holding it),
 * objects outside the schema that depend on it, or another database error.
 *
 * @param sqlState the SQLSTATE when the database refused, or null
 */
public record DropFailure(String schema, String reason, String sqlState, List<BlockingSession> blockers,
        List<OutsideDependency> dependents) {

    public DropFailure {
        blockers = List.copyOf(blockers);
        dependents = List.copyOf(dependents);
    }
}
