package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.Schemas;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.load.ShadowEstimate;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.settings.ByteSize;
import org.kfm.projection.swap.PruneResult;
import org.kfm.projection.swap.SchemaSwapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk preflight of a rebuild. PostgreSQL does not tell a client how much room its file system
 * has, so the shadow's estimate ({@link ShadowEstimate}) is checked against a configured budget,
 * {@code kfm.load.max-shadow-bytes}: the disk a new shadow may take while live and previous stay.
 * With {@code --prune-before-load} the previous generation's size is added to the allowance and the
 * previous generation is dropped before the shadow is written. Without a budget the estimate is
 * still logged and recorded. A refusal comes before anything is written or dropped.
 */
final class ShadowBudget {
    private static final Logger LOG = LoggerFactory.getLogger(RebuildOrchestrator.class);

    private final DataSource dataSource;
    private final PgIdentifier previous;
    private final PgIdentifier live;
    private final String projection;
    private final OptionalLong budget;
    private final SchemaSwapper swapper;
    private final GenerationStore generations;
    private final OpsStore ops;

    ShadowBudget(RebuildServices s) {
        this.dataSource = s.dataSource();
        this.previous = s.settings().previous();
        this.live = s.settings().projection();
        this.projection = s.settings().projection().name();
        this.budget = s.rebuild().maxShadowBytes();
        this.swapper = s.swapper();
        this.generations = s.generations();
        this.ops = s.ops();
    }

    /**
     * What a rebuild of {@code catalog} would take, against the budget.
     *
     * @param previousBytes the previous generation's size, empty when there is none
     * @param allowance the budget, plus the previous generation when it is pruned first; empty: no budget
     */
    record Check(ShadowEstimate estimate, OptionalLong budget, OptionalLong previousBytes, PgIdentifier previous,
            boolean pruneBeforeLoad, OptionalLong allowance) {

        boolean fits() {
            return allowance.isEmpty() || estimate.bytes() <= allowance.getAsLong();
        }

        /** One line for the log, the dry run's summary and the CLI. */
        String describe() {
            String est = "shadow estimate " + ByteSize.human(estimate.bytes()) + " from "
                    + ByteSize.human(estimate.artifactBytes()) + " of artifacts";
            if (budget.isEmpty()) {
                return est + "; no budget (kfm.load.max-shadow-bytes unset)";
            }
            return est + "; budget " + ByteSize.human(budget.getAsLong()) + (pruneBeforeLoad && previousBytes.isPresent()
                    ? " + " + ByteSize.human(previousBytes.getAsLong()) + " of " + previous + " dropped first" : "")
                    + ": " + (fits() ? "fits" : "over budget, refused (shadow-over-budget)");
        }

        /** The refusal, naming the estimate per dataset version, the budget, the previous generation and the remedies. */
        KfmException refusal() {
            long over = estimate.bytes() - allowance.getAsLong();
            String perVersion = estimate.versions().stream().map(v -> v.datasetVersionId() + " "
                    + ByteSize.human(v.bytes()) + " (from " + ByteSize.human(v.artifactBytes()) + ")")
                    .collect(Collectors.joining(", "));
            String prev = previousBytes.isEmpty() ? "there is no previous generation to drop"
                    : "the previous generation " + previous + " takes " + ByteSize.show(previousBytes.getAsLong())
                            + (pruneBeforeLoad ? " and is counted, as --prune-before-load would drop it" : "");
            String remedies;
            if (previousBytes.isPresent() && !pruneBeforeLoad) {
                boolean pruneFits = estimate.bytes() <= budget.getAsLong() + previousBytes.getAsLong();
                remedies = "run kfm-projection prune (drops " + previous + ": no rollback until the next swap) or "
                        + "rebuild with --prune-before-load (the same, at the start of the rebuild; it would "
                        + (pruneFits ? "fit" : "still not fit") + "), or raise kfm.load.max-shadow-bytes if the "
                        + "disk has room";
            } else {
                remedies = "raise kfm.load.max-shadow-bytes if the disk has room, or free disk on the database server";
            }
            return new KfmException(ErrorCode.INSUFFICIENT_SPACE, "shadow-over-budget", String.format(Locale.ROOT,
                    "the shadow would not fit its disk budget: estimated %s for %d dataset version(s) [%s], "
                    + "budget kfm.load.max-shadow-bytes %s%s, over by %s; %s. Nothing was written. Remedies: %s. "
                    + "The estimate is the artifacts' file:size x 1.5 (GeoJSON) or x 2.0 (FlatGeobuf), or for a version "
                    + "carried from live its share of live's size (docs/performance.md)", ByteSize.show(estimate.bytes()),
                    estimate.versions().size(),
                    perVersion, ByteSize.show(budget.getAsLong()), pruneBeforeLoad && previousBytes.isPresent()
                            ? " (allowance with the previous generation dropped: "
                            + ByteSize.show(allowance.getAsLong()) + ")" : "", ByteSize.show(over), prev, remedies));
        }

        ObjectNode toJson(ObjectMapper json) {
            ObjectNode n = json.createObjectNode().put("estimateBytes", estimate.bytes())
                    .put("artifactBytes", estimate.artifactBytes());
            ArrayNode versions = n.putArray("datasetVersions");
            estimate.versions().forEach(v -> versions.addObject().put("datasetVersionId", v.datasetVersionId())
                    .put("artifactBytes", v.artifactBytes()).put("estimateBytes", v.bytes()).put("carried", v.carried()));
            putOptional(n, "budgetBytes", budget);
            putOptional(n, "previousBytes", previousBytes);
            putOptional(n, "allowanceBytes", allowance);
            return n.put("pruneBeforeLoad", pruneBeforeLoad).put("fits", fits());
        }

        private static void putOptional(ObjectNode n, String field, OptionalLong v) {
            if (v.isPresent()) {
                n.put(field, v.getAsLong());
            } else {
                n.putNull(field);
            }
        }
    }

    /**
     * @param plan the run's plan: a carried version is estimated as its share of live's size (live's
     *     schema bytes times its recorded rows over live's), the others from their artifacts
     */
    Check check(Catalog catalog, boolean pruneBeforeLoad, RebuildPlan plan) {
        Map<String, Long> carried = new HashMap<>();
        List<RebuildPlan.Version> carriable = plan.carriable();
        Long liveRows = plan.live().map(RebuildPlan.Live::rows).orElse(null);
        if (!carriable.isEmpty() && liveRows != null && liveRows > 0) {
            long liveBytes = Schemas.bytes(dataSource, live).orElse(0);
            carriable.forEach(v -> carried.put(v.datasetVersionId(), (long) Math.ceil((double) liveBytes
                    * v.liveRecordedRows() / liveRows)));
        }
        ShadowEstimate estimate = ShadowEstimate.of(catalog, carried);
        OptionalLong previousBytes = Schemas.bytes(dataSource, previous);
        OptionalLong allowance = budget.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(budget.getAsLong() + (pruneBeforeLoad ? previousBytes.orElse(0) : 0));
        Check c = new Check(estimate, budget, previousBytes, previous, pruneBeforeLoad, allowance);
        LOG.info("disk preflight: {}", c.describe());
        return c;
    }

    /**
     * {@code --prune-before-load}: drops the previous generation (and any retired one) and records it.
     *
     * @return the message saying what was dropped and that the rollback target is gone
     * @throws KfmException rule {@code prune-failed} when the previous generation is still there
     */
    String pruneBeforeLoad(java.util.UUID runId) {
        PruneResult result = swapper.prune();
        if (result.dropped().contains(previous.name())) {
            generations.recordPrune(projection, ops.now());
        }
        if (!result.complete()) {
            throw new KfmException(ErrorCode.FAILED, "prune-failed", "--prune-before-load could not drop "
                    + result.notDropped().stream().map(f -> f.schema() + " (" + f.reason() + ")")
                            .collect(Collectors.joining(", ")) + "; nothing was written to the shadow. Run kfm-projection prune when "
                    + "the readers holding it are gone, then rebuild");
        }
        String message = result.dropped().isEmpty() ? "--prune-before-load: there was no previous generation to drop"
                : "--prune-before-load dropped " + String.join(", ", result.dropped()) + ": the rollback target is "
                        + "gone; there is no previous generation until this rebuild swaps";
        LOG.warn("{}", message);
        ops.event(runId, "PRUNED", message, null);
        return message;
    }

    /** The disk the shadow took, once loaded and indexed: to compare with the estimate in the receipt. */
    OptionalLong measure(PgIdentifier shadow) {
        return Schemas.bytes(dataSource, shadow);
    }
}
