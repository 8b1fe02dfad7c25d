package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.load.LoadCancelledException;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.ops.RunOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of every run, whatever its outcome: stops the timer, records the outcome and the
 * receipt in the ops schema (and beside the catalog when configured), logs the closing line and
 * tells the observer. A failure's message ends with what became of the shadow.
 */
final class RunEnding {
    // the orchestrator's name, not ours: operators filter on it
    private static final Logger LOG = LoggerFactory.getLogger(RebuildOrchestrator.class);

    private final Settings settings;
    private final RebuildSettings rebuild;
    private final OpsStore ops;
    private final ArtifactStores stores;
    private final ObjectMapper json;
    private final ShadowSchema shadow;

    RunEnding(Settings settings, RebuildSettings rebuild, OpsStore ops, ArtifactStores stores, ObjectMapper json,
            ShadowSchema shadow) {
        this.settings = settings;
        this.rebuild = rebuild;
        this.ops = ops;
        this.stores = stores;
        this.json = json;
        this.shadow = shadow;
    }

    RebuildResult finish(RunState run, RunOutcome outcome, Long generation, String summary) {
        run.timer().stop(null);
        ObjectNode receipt = run.receipt(settings, outcome, summary, null);
        ops.finishRun(run.id(), outcome, null, generation, receipt);
        writeReceipt(run, receipt);
        LOG.info("{}: {}", outcome, summary);
        run.observer().phase(outcome == RunOutcome.SUCCEEDED || outcome == RunOutcome.SKIPPED ? Phase.SUCCEEDED
                : Phase.FAILED, summary);
        return new RebuildResult(run.id(), outcome, generation, summary, receipt);
    }

    /** @return the error to throw: the given one, its message ending with what became of the shadow */
    KfmException fail(RunState run, KfmException error) {
        Phase failedIn = run.timer().current() == null ? Phase.REQUESTED : run.timer().current();
        run.timer().stop("failed");
        boolean cancelled = error instanceof LoadCancelledException || "cancelled".equals(error.rule());
        RunOutcome outcome = cancelled ? RunOutcome.CANCELLED : RunOutcome.FAILED;
        String shadowNote = shadow.afterFailure(run);
        KfmException reported = new KfmException(error.code(), error.rule(),
                ShadowSchema.withoutShadowNote(error.getMessage()) + "\n" + shadowNote, error);
        try {
            ObjectNode receipt = run.receipt(settings, outcome, shadowNote, reported);
            ops.finishRun(run.id(), outcome, reported, null, receipt);
            writeReceipt(run, receipt);
        } catch (RuntimeException e) {
            reported.addSuppressed(e);
        }
        LOG.error("{} in {}: {}", outcome, failedIn, reported.getMessage());
        run.observer().phase(cancelled ? Phase.CANCELLED : Phase.FAILED, reported.getMessage());
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
