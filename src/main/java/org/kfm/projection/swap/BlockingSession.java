package org.kfm.projection.swap;

import java.time.OffsetDateTime;

/**
 * A session that held what a swap or drop was waiting for, as {@code pg_stat_activity} showed it.
 * {@code query} is the session's current or last statement (shortened); it reads
 * {@code <insufficient privilege>} unless the orchestrator's role may see other roles' activity
 * (member of {@code pg_read_all_stats}, or superuser).
 */
public record BlockingSession(int pid, String user, String applicationName, OffsetDateTime transactionStart,
        String state, String query) {

    /** One line for messages: pid, user, application, state, transaction start and statement. */
    public String describe() {
        return "pid " + pid + " (user " + user + ", application '" + applicationName + "', state '" + state
                + "', transaction started " + transactionStart + ", query: " + query + ")";
    }
}
