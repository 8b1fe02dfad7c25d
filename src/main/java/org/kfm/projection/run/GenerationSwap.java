package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.migrate.MigrationResult;
import org.kfm.projection.history.Generation;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.history.WebhookDelivery;
import org.kfm.projection.swap.SchemaSwapper;
import org.kfm.projection.swap.SwapResult;
import org.kfm.projection.validate.ParityReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swap step: numbers the new generation, swaps the validated shadow in with the generation
 * recorded in the same transaction; once the run has ended and released its lock, announces it to
 * the swap listener (webhooks).
 */
final class GenerationSwap {
    // the orchestrator's name, not ours: operators filter on it
    private static final Logger LOG = LoggerFactory.getLogger(RebuildOrchestrator.class);

    private final DataSource dataSource;
    private final String projection;
    private final OpsStore ops;
    private final GenerationStore generations;
    private final SchemaSwapper swapper;
    private final ObjectMapper json;
    private final SwapListener swapListener;

    GenerationSwap(DataSource dataSource, String projection, OpsStore ops, GenerationStore generations,
            SchemaSwapper swapper, ObjectMapper json, SwapListener swapListener) {
        this.dataSource = dataSource;
        this.projection = projection;
        this.ops = ops;
        this.generations = generations;
        this.swapper = swapper;
        this.json = json;
        this.swapListener = swapListener;
    }

    SwapResult swap(RunState run, Catalog catalog, MigrationResult migration, ParityReport parity, long rows) {
        long number;
        try (Connection c = dataSource.getConnection()) {
            number = generations.nextNumber(c, projection);
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "ops-store", "cannot number the new generation: "
                    + e.getMessage(), e);
        }
        Optional<Generation> previous = generations.live(projection);
        Generation g = new Generation(projection, number, run.id(), catalog.root().toString(),
                catalog.digest(), migration.toVersion(), rows, "live", ops.now(), ops.now(), null,
                run.parityJson());
        String payload = NotifyMessage.swap(json, projection, number,
                previous.map(Generation::number), run.id(), catalog.digest(), parity.changes());
        SwapResult result = swapper.swap(number, payload, c -> generations.recordSwap(c, g));
        run.swap(result);
        run.announcement(payload, swapListener.targets());
        return result;
    }

    /**
     * After the run ended and released its lock: hands a committed swap to the listener, which
     * delivers and records on its own threads. Nothing it does can change the run's outcome.
     */
    void announce(RunState run) {
        if (run.announcement() == null) {
            return;
        }
        try {
            swapListener.swapped(run.id(), run.announcement());
        } catch (RuntimeException e) {
            LOG.warn("swap listener failed (the swap stands): {}", e.toString());
        }
    }

    /** The outcomes of what {@link #announce} started for the run, waited for within their bound. */
    List<WebhookDelivery> awaitAnnouncement(UUID runId) {
        return swapListener.awaitDeliveries(runId);
    }
}
