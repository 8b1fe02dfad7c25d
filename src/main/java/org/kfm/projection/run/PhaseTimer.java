package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Start and duration of each phase of one run, for the receipt and the summary. */
final class PhaseTimer {
    record Entry(Phase phase, Instant start, Duration duration, String note) {
    }

    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();
    private Phase current;
    private Instant currentStart;

    PhaseTimer(Clock clock) {
        this.clock = clock;
    }

    void start(Phase phase) {
        stop(null);
        current = phase;
        currentStart = clock.instant();
    }

    /** Ends the current phase, if any; {@code note} says e.g. "skipped". */
    void stop(String note) {
        if (current != null) {
            entries.add(new Entry(current, currentStart, Duration.between(currentStart, clock.instant()), note));
            current = null;
        }
    }

    void skipped(Phase phase, String why) {
        stop(null);
        entries.add(new Entry(phase, clock.instant(), Duration.ZERO, "skipped: " + why));
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
                    .put("durationMs", e.duration().toMillis());
            if (e.note() != null) {
                n.put("note", e.note());
            }
        }
        return out;
    }
}
