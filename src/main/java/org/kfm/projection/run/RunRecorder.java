package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.history.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place every kind of run (rebuild, rollback, prune, validate, migrate, smoke) is started,
 * moved from state to state and ended with its receipt. A receipt has one versioned shape
 * ({@code docs/schemas/receipt.schema.json}): the common fields, then the body only that kind has.
 * Ending a run survives a database restart: a write that lost its connection is retried for a short,
 * bounded time on fresh connections, so the run's row says how it ended at once.
 */
public final class RunRecorder {
    static final int RECEIPT_VERSION = 2;
    private static final Logger REBUILD_LOG = LoggerFactory.getLogger(RebuildOrchestrator.class);
    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);
    private static final Set<String> COMMON = Set.of("receiptVersion", "runId", "kind", "projection", "triggeredBy",
            "trigger", "startedAt", "finishedAt", "durationMs", "outcome", "summary", "arguments", "data",
            "cancellation", "refusal", "error");
    /** Long enough for a fast restart of the server, short enough that a caller is answered promptly. */
    private static final Duration RECONNECT_WINDOW = Duration.ofSeconds(15);
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(250);

    private final OpsStore ops;
    private final String projection;
    private final ObjectMapper json;
    private final RunHook hook;

    public RunRecorder(OpsStore ops, String projection, ObjectMapper json, RunHook hook) {
        this.ops = ops;
        this.projection = projection;
        this.json = json;
        this.hook = hook;
    }

    /** Records a new run in state {@code REQUESTED}. */
    Recording start(RunKind kind, Trigger trigger, ObjectNode arguments) {
        Instant at = ops.now();
        UUID id = ops.startRun(kind, projection, trigger, arguments, at);
        return new Recording(id, kind, trigger, arguments, at);
    }

    /** Records that the run entered {@code state}, then tells the hook. */
    void transition(Recording run, String state, String message) {
        ops.transition(run.id(), state, message, null);
        run.state(state);
        hook.entered(run.id(), run.kind(), state);
    }

    /**
     * Ends the run: builds its receipt, records outcome, error and receipt (reconnecting if the
     * database went away), and logs the closing line at the level the outcome deserves.
     *
     * @return the receipt as recorded
     */
    ObjectNode end(Recording run, RunEnd end) {
        Instant finished = ops.now();
        ObjectNode receipt = receipt(run, end, finished);
        withReconnect(run, () -> ops.finishRun(run.id(), end.outcome(), end.error(), end.generation(), receipt));
        log(run, end);
        return receipt;
    }

    /**
     * A run of a kind other than rebuild, start to end: records it, runs the work, and ends it with an
     * outcome in every path, a runtime failure or an {@link Error} included.
     *
     * @param failureData what a failure leaves of the data, or null for runs that do not touch the
     *     projection (migrate, smoke)
     */
    <T> Recorded<T> run(RunKind kind, Trigger trigger, ObjectNode arguments, DataEffect failureData, Work<T> work) {
        return run(kind, trigger, arguments, failureData, RunObserver.NONE, work);
    }

    /** As {@link #run(RunKind, Trigger, ObjectNode, DataEffect, Work)}, telling {@code observer} the run's id first. */
    <T> Recorded<T> run(RunKind kind, Trigger trigger, ObjectNode arguments, DataEffect failureData,
            RunObserver observer, Work<T> work) {
        Recording run = start(kind, trigger, arguments);
        observer.started(run.id());
        Done<T> done;
        try {
            done = work.run(run);
        } catch (RunFailure f) {
            throw fail(run, f.error, f.body, failureData);
        } catch (KfmException e) {
            throw fail(run, e, json.createObjectNode(), failureData);
        } catch (RuntimeException e) {
            throw fail(run, unexpected(e), json.createObjectNode(), failureData);
        } catch (Error e) {
            try {
                fail(run, unexpected(e), json.createObjectNode(), failureData);
            } catch (RuntimeException recording) {
                e.addSuppressed(recording);
            }
            throw e;
        }
        end(run, RunEnd.succeeded(RunOutcome.SUCCEEDED, done.summary(), done.generation(), done.data(), done.body()));
        return new Recorded<>(run.id(), done.value());
    }

    /** Ends a failed run and returns the error to throw: refused, or failed with what became of the data. */
    KfmException fail(Recording run, KfmException error, ObjectNode body, DataEffect failureData) {
        RunEnd end;
        KfmException reported;
        if (error instanceof LockHeldException refused) {
            reported = refused;
            end = new RunEnd(RunOutcome.REFUSED, "refused: " + refused.holderRunId().map(h -> "run " + h)
                    .orElse("another run") + " holds the rebuild lock", refused, null, DataEffect.untouched(), null,
                    body);
        } else {
            DataEffect data = failureData == null ? null
                    : error instanceof org.kfm.projection.swap.SwapOutcomeUnknownException ? failureData.liveUnknown()
                    : failureData;
            reported = data == null ? error : withData(error, data);
            end = new RunEnd(RunOutcome.FAILED, summary("failed in " + run.state(), error, data), reported, null,
                    data, null, body);
        }
        try {
            end(run, end);
        } catch (RuntimeException e) {
            reported.addSuppressed(e);
            LOG.error("{} {}: could not record its end: {}", run.kind().dbValue(), run.id(), e.getMessage());
        }
        return reported;
    }

    /** The error's message followed by what became of the data, said once. */
    static KfmException withData(KfmException error, DataEffect data) {
        return new KfmException(error.code(), error.rule(), error.getMessage() + "\n" + data.afterFailure(), error);
    }

    static String summary(String what, KfmException error, DataEffect data) {
        return what + " (rule " + error.rule() + ")" + (data == null ? "" : ". " + data.afterFailure());
    }

    /** A failure that is not one of ours: a bug or an injected fault, recorded as such. */
    static KfmException unexpected(Throwable e) {
        return new KfmException(ErrorCode.FAILED, "unexpected", e.toString(), e);
    }

    private ObjectNode receipt(Recording run, RunEnd end, Instant finished) {
        ObjectNode r = json.createObjectNode().put("receiptVersion", RECEIPT_VERSION).put("runId", run.id().toString())
                .put("kind", run.kind().dbValue()).put("projection", projection)
                .put("triggeredBy", run.trigger().principal()).put("trigger", run.trigger().channel())
                .put("startedAt", run.startedAt().toString()).put("finishedAt", finished.toString())
                .put("durationMs", Duration.between(run.startedAt(), finished).toMillis())
                .put("outcome", end.outcome().name()).put("summary", end.summary());
        r.set("arguments", run.arguments());
        if (end.data() != null) {
            r.set("data", end.data().toJson(json));
        }
        if (end.cancellation() != null) {
            r.set("cancellation", end.cancellation().toJson(json));
        }
        if (end.error() instanceof LockHeldException refused) {
            ObjectNode n = r.putObject("refusal").put("rule", refused.rule());
            refused.holderRunId().ifPresentOrElse(h -> n.put("holderRunId", h.toString()),
                    () -> n.putNull("holderRunId"));
        }
        if (end.error() != null) {
            r.putObject("error").put("code", end.error().code().name()).put("exitCode", end.error().code().exitCode())
                    .put("rule", end.error().rule()).put("message", end.error().getMessage());
        }
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = end.body().fields(); it
                .hasNext();) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f = it.next();
            if (COMMON.contains(f.getKey())) {
                throw new IllegalStateException("a receipt body may not set the common field " + f.getKey());
            }
            r.set(f.getKey(), f.getValue());
        }
        return r;
    }

    private void log(Recording run, RunEnd end) {
        Logger log = run.kind() == RunKind.REBUILD ? REBUILD_LOG : LOG;
        String kind = run.kind().dbValue();
        switch (end.outcome()) {
            case SUCCEEDED, SKIPPED -> log.info("{} {}: {}", kind, end.outcome(), end.summary());
            case REFUSED -> log.warn("{} REFUSED: {}", kind, end.error().getMessage());
            case CANCELLED -> log.warn("{} CANCELLED in {} ({}): {}", kind, run.state(), end.cancellation().describe(),
                    end.error().getMessage());
            default -> log.error("{} {} in {}: {}", kind, end.outcome(), run.state(), end.error().getMessage());
        }
    }

    /**
     * Runs a write of the run's end; when it failed because the connection was lost (the server
     * restarted, or the run's sessions were terminated), tries again on fresh connections for a short,
     * bounded time.
     */
    private void withReconnect(Recording run, Runnable write) {
        long deadline = System.nanoTime() + RECONNECT_WINDOW.toNanos();
        int attempt = 1;
        while (true) {
            try {
                write.run();
                if (attempt > 1) {
                    LOG.warn("{} {}: its end was recorded after reconnecting to the database (attempt {})",
                            run.kind().dbValue(), run.id(), attempt);
                }
                return;
            } catch (KfmException e) {
                if (!connectionLost(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                attempt++;
                pause();
            }
        }
    }

    /** Whether the cause is a lost connection: SQLSTATE class 08, or the server ending the session (57P0x). */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KfmException(ErrorCode.FAILED, "interrupted", "interrupted while reconnecting to record a run", e);
        }
    }

    /** The work of one run; returns what it produced, or throws (a {@link RunFailure} to keep a receipt body). */
    @FunctionalInterface
    interface Work<T> {
        Done<T> run(Recording run);
    }

    /** What a run that succeeded produced, with its receipt body. */
    record Done<T>(T value, String summary, Long generation, DataEffect data, ObjectNode body) {
    }

    /** A failure whose receipt body is already known (a failed parity report, a failed smoke). */
    static final class RunFailure extends RuntimeException {
        private final KfmException error;
        private final ObjectNode body;

        RunFailure(KfmException error, ObjectNode body) {
            super(error.getMessage(), error, false, false);
            this.error = error;
            this.body = body;
        }
    }
}
