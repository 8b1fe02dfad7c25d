package org.kfm.projection.service;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.kfm.projection.run.RunHistory;
import org.kfm.projection.settings.ServiceSettings;
import org.kfm.projection.settings.Settings;

/**
 * Tells how current the live projection is against {@code kfm.schedule.freshness-cron} (by default
 * {@code kfm.schedule.cron}), read in the JVM's default time zone as the scheduler reads it.
 */
@Singleton
public class FreshnessCheck {
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final RunHistory history;
    private final String projection;
    private final Schedule schedule;
    private final Clock clock;

    @Inject
    public FreshnessCheck(RunHistory history, Settings settings, ServiceSettings service, Clock clock) {
        this.history = history;
        this.projection = settings.projection().name();
        this.schedule = new Schedule(service.freshnessCron(), ZoneId.systemDefault());
        this.clock = clock;
    }

    public Freshness now() {
        return schedule.judge(history.lastSuccess(projection), clock.instant());
    }

    /**
     * A cron in a time zone, and the rule that judges the projection's last currency against it: FRESH
     * when a rebuild left it current at or after the tick before the schedule's last one (so the last
     * tick's run may still be going, or have failed, once), STALE when two ticks have passed since.
     */
    record Schedule(Optional<String> cron, ZoneId zone) {

        Freshness judge(Optional<Instant> current, Instant now) {
            if (cron.isEmpty()) {
                return new Freshness(current.isEmpty() ? Freshness.State.NEVER : Freshness.State.UNSCHEDULED,
                        current, cron, Optional.empty(), Optional.empty(), current.map(t -> "made current "
                                + ago(t, now) + "; no schedule is configured (kfm.schedule.cron or kfm.schedule.freshness-cron)")
                                .orElse("never made current; no schedule is configured (kfm.schedule.cron or kfm.schedule.freshness-cron)"));
            }
            ExecutionTime ticks = ExecutionTime.forCron(QUARTZ.parse(cron.get()));
            ZonedDateTime at = now.atZone(zone);
            Optional<ZonedDateTime> last = ticks.lastExecution(at);
            Optional<Instant> lastTick = last.map(ZonedDateTime::toInstant);
            Optional<Instant> tickBefore = last.flatMap(ticks::lastExecution).map(ZonedDateTime::toInstant);
            Optional<Instant> nextTick = ticks.nextExecution(at).map(ZonedDateTime::toInstant);
            if (current.isEmpty()) {
                return new Freshness(Freshness.State.NEVER, current, cron, lastTick, nextTick,
                        "never made current; next scheduled rebuild " + nextTick.map(Instant::toString).orElse("none"));
            }
            Instant made = current.get();
            if (tickBefore.isEmpty() || !made.isBefore(tickBefore.get())) {
                return new Freshness(Freshness.State.FRESH, current, cron, lastTick, nextTick,
                        "made current " + ago(made, now) + " (schedule " + cron.get() + ")");
            }
            return new Freshness(Freshness.State.STALE, current, cron, lastTick, nextTick, "made current "
                    + ago(made, now) + ", before the scheduled rebuilds at " + tickBefore.get() + " and "
                    + lastTick.orElseThrow() + " (schedule " + cron.get() + ")");
        }

        private static String ago(Instant t, Instant now) {
            Duration d = Duration.between(t, now);
            if (d.toSeconds() < 60) {
                return "just now";
            }
            long m = d.toMinutes();
            return m < 120 ? m + " min ago" : m < 48 * 60 ? d.toHours() + " h ago" : d.toDays() + " days ago";
        }
    }
}
