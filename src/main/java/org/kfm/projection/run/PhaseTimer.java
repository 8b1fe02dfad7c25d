package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Start, duration and status of each phase of one run, for the receipt and the summary. */
final class PhaseTimer {
    /** How a phase ended: its work done, skipped (with why), or cut short by the run's failure or cancel. */
    enum Status {
        COMPLETED, SKIPPED, FAILED, CANCELLED
    }

    record Entry(Phase phase, Instant start, Duration duration, Status status, String note) {
    }

    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();
    private Phase current;
    private Instant currentStart;

    PhaseTimer(Clock clock) {
        this.clock = clock;
    }

    void start(Phase phase) {
        stop(Status.COMPLETED);
        current = phase;
        currentStart = clock.instant();
    }

    /** Ends the current phase, if any, with {@code status}. */
    void stop(Status status) {
        if (current != null) {
            entries.add(new Entry(current, currentStart, Duration.between(currentStart, clock.instant()), status,
                    null));
            current = null;
        }
    }

    void skipped(Phase phase, String why) {
        stop(Status.COMPLETED);
        entries.add(new Entry(phase, clock.instant(), Duration.ZERO, Status.SKIPPED, why));
    }

    Phase current() {
        return current;
    }

    Duration duration(Phase phase) {
        return entries.stream().filter(e -> e.phase() == phase).map(Entry::duration).reduce(Duration.ZERO,
                Duration::plus);
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    ArrayNode toJson(ObjectMapper json) {
        ArrayNode out = json.createArrayNode();
        for (Entry e : entries) {
            var n = out.addObject().put("phase", e.phase().name()).put("startedAt", e.start().toString())
                    .put("durationMs", e.duration().toMillis()).put("status", e.status().name()
                            .toLowerCase(Locale.ROOT));
            if (e.note() != null) {
                n.put("note", e.note());
            }
        }
        return out;
    }
}
