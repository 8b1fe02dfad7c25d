package org.kfm.projection.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.kfm.projection.history.RunEvent;
import org.kfm.projection.history.RunSummary;

/**
 * A run of any kind (rebuild, rollback, prune, validate, migrate, smoke) as {@code /api/v1/runs}
 * shows it. The list leaves out events and the receipt; one run has both.
 *
 * @param state the recorded state: the step it is in while running, its outcome once ended
 * @param outcome SUCCEEDED, SKIPPED, FAILED, CANCELLED, REFUSED or ABANDONED; absent while running
 * @param receipt the run's receipt ({@code docs/schemas/receipt.schema.json}), once it ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecordView(UUID id, String kind, String state, boolean running, String outcome, String triggeredBy,
        String trigger, Instant startedAt, Instant finishedAt, Long generation, Error error, List<Event> events,
        JsonNode receipt, String self) {

    public record Error(String code, String rule, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(Instant at, String state, String message, JsonNode details) {
    }

    static RunRecordView summary(RunSummary r) {
        return of(r, null);
    }

    static RunRecordView detail(RunSummary r, List<RunEvent> events) {
        return of(r, events);
    }

    private static RunRecordView of(RunSummary r, List<RunEvent> events) {
        Error error = r.errorCode() == null && r.errorRule() == null ? null
                : new Error(r.errorCode(), r.errorRule(), r.errorMessage());
        return new RunRecordView(r.runId(), r.kind(), r.state(), r.finishedAt() == null, r.outcome(), r.triggeredBy(),
                r.trigger(), r.startedAt(), r.finishedAt(), r.generation(), error, events == null ? null
                        : events.stream().map(e -> new Event(e.at(), e.state(), e.message(), e.details())).toList(),
                events == null ? null : r.receipt(), "/api/v1/runs/" + r.runId());
    }

    /** One page of runs, newest first; {@code page} counts from 0. */
    public record Page(List<RunRecordView> items, int page, int size, long total) {
    }
}
