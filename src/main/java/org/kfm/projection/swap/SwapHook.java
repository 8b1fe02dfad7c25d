package org.kfm.projection.swap;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done inside the swap transaction, on its connection, after the renames and before the
 * {@code NOTIFY} and the commit: the orchestrator records the new generation in its ops schema
 * here, so the record and the swap commit or roll back together.
 *
 * <p>The hook may run more than once: when a statement (the hook's own included) hits the lock
 * timeout, the whole transaction is rolled back and tried again. Database work is undone with it;
 * keep side effects outside the database out of the hook.
 */
@FunctionalInterface
public interface SwapHook {
    SwapHook NONE = c -> { };

    /**
     * @param c the swap transaction's connection; do not commit, roll back or close it
     * @throws SQLException rolls the swap back (a lock timeout is retried like the renames')
     */
    void inTransaction(Connection c) throws SQLException;
}
