package org.kfm.projection.run;

import org.kfm.projection.settings.RebuildSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.load.LoadCancelledException;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.swap.SwapOutcomeUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every rebuild, whatever its outcome: stops the timer, decides the typed outcome
 * (refused, cancelled and by whom, failed) and what became of the data, has the recorder record
 * the receipt, writes it beside the catalog when configured, and tells the observer.
 */
final class RebuildEnding {
    // the orchestrator's name, not ours: operators filter on it
    private static final Logger LOG = LoggerFactory.getLogger(RebuildOrchestrator.class);

    private final RebuildSettings rebuild;
    private final OpsStore ops;
    private final ArtifactStores stores;
    private final ObjectMapper json;
    private final ShadowSchema shadow;
    private final RunRecorder recorder;

    RebuildEnding(RebuildSettings rebuild, OpsStore ops, ArtifactStores stores, ObjectMapper json, ShadowSchema shadow,
            RunRecorder recorder) {
        this.rebuild = rebuild;
        this.ops = ops;
        this.stores = stores;
        this.json = json;
        this.shadow = shadow;
        this.recorder = recorder;
    }

    RebuildResult finish(RunState run, RunOutcome outcome, Long generation, DataEffect data, String summary) {
        run.timer().stop(PhaseTimer.Status.COMPLETED);
        ObjectNode receipt = recorder.end(run.recording(), RunEnd.succeeded(outcome, summary, generation, data,
                run.body()));
        writeReceipt(run, receipt);
        run.observer().phase(Phase.SUCCEEDED, summary);
        return new RebuildResult(run.id(), outcome, generation, summary, receipt);
    }

    /** @return the error to throw: the given one, its message ending with what became of the data */
    KfmException fail(RunState run, KfmException error) {
        if (error instanceof LockHeldException refused) {
            run.timer().stop(PhaseTimer.Status.FAILED);
            KfmException reported = recorder.fail(run.recording(), refused, run.body(), DataEffect.untouched());
            run.observer().phase(Phase.REFUSED, reported.getMessage());
            return reported;
        }
        Cancellation cancellation = error instanceof RunCancelledException c ? c.cancellation()
                : error instanceof LoadCancelledException ? run.observer().cancellation() : null;
        run.timer().stop(cancellation == null ? PhaseTimer.Status.FAILED : PhaseTimer.Status.CANCELLED);
        DataEffect data = shadow.afterFailure(run);
        if (error instanceof SwapOutcomeUnknownException) {
            data = data.liveUnknown();
        }
        KfmException reported = RunRecorder.withData(error, data);
        Recording recording = run.recording();
        RunEnd end = cancellation == null
                ? new RunEnd(RunOutcome.FAILED, RunRecorder.summary("failed in " + recording.state(), error, data),
                        reported, null, data, null, run.body())
                : new RunEnd(RunOutcome.CANCELLED, cancellation.describe() + " in " + recording.state() + ". "
                        + data.afterFailure(), reported, null, data, cancellation, run.body());
        try {
            writeReceipt(run, recorder.end(recording, end));
        } catch (RuntimeException e) {
            reported.addSuppressed(e);
            LOG.error("rebuild {}: could not record its end: {}", run.id(), e.getMessage());
        }
        run.observer().phase(cancellation == null ? Phase.FAILED : Phase.CANCELLED, reported.getMessage());
        return reported;
    }

    private void writeReceipt(RunState run, ObjectNode receipt) {
        if (!rebuild.writeReceiptsToStore() || run.catalog() == null) {
            return;
        }
        URI target = ArtifactStores.resolve(run.catalog().root(), "receipts/" + run.id() + ".json");
        try {
            if (stores.canWrite(target)) {
                stores.write(target, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(receipt),
                        "application/json");
                ops.event(run.id(), "RECEIPT", "receipt written to " + target, null);
            }
        } catch (Exception e) {
            LOG.warn("could not write the receipt to {}: {}", target, e.getMessage());
        }
    }
}
