package org.kfm.projection.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How current the live projection is against the rebuild schedule.
 *
 * @param state what the figures below mean
 * @param lastCurrentAt when a rebuild last left the projection current: swapped in, or skipped
 *     because the catalog and migrations were unchanged
 * @param cron the schedule ({@code kfm.schedule.cron}); empty when none is configured
 * @param lastTickAt the schedule's most recent firing time, before now
 * @param nextTickAt the schedule's next firing time
 * @param summary one sentence for people
 */
public record Freshness(State state, Optional<Instant> lastCurrentAt, Optional<String> cron,
        Optional<Instant> lastTickAt, Optional<Instant> nextTickAt, String summary) {

    public Freshness {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastCurrentAt, "lastCurrentAt");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(lastTickAt, "lastTickAt");
        Objects.requireNonNull(nextTickAt, "nextTickAt");
        Objects.requireNonNull(summary, "summary");
    }

    public enum State {
        /**
         * Made current at or after the schedule's tick before the last one: at most the last tick's
         * run is still going or failed.
         */
        FRESH,
        /** Two or more ticks have passed since the projection was last made current. */
        STALE,
        /** No rebuild has ever left it current. */
        NEVER,
        /** No schedule is configured: only the age can be told. */
        UNSCHEDULED
    }
}
