package org.kfm.projection.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogReader;
import org.kfm.projection.catalog.LocationPolicy;
import org.kfm.projection.config.Settings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.Schemas;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.ops.Generation;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.ops.RunKind;
import org.kfm.projection.ops.RunOutcome;
import org.kfm.projection.ops.Trigger;
import org.kfm.projection.swap.GrantReplayer;
import org.kfm.projection.swap.GrantReport;
import org.kfm.projection.swap.PruneResult;
import org.kfm.projection.swap.SchemaSwapper;
import org.kfm.projection.swap.SwapResult;
import org.kfm.projection.validate.ParityReport;
import org.kfm.projection.validate.ParityValidator;

/**
 * Everything an operator does to the projection besides a rebuild: status, rollback, prune and a
 * stand-alone parity check. Rollback and prune take the rebuild lock, so they never race a rebuild;
 * each is recorded as a run with a receipt.
 */
public final class ProjectionOperations {
    private final DataSource dataSource;
    private final Settings settings;
    private final RebuildSettings rebuild;
    private final DatabaseBootstrap bootstrap;
    private final OpsStore ops;
    private final GenerationStore generations;
    private final ArtifactStores stores;
    private final ParityValidator validator;
    private final SchemaSwapper swapper;
    private final ObjectMapper json;

    public ProjectionOperations(RebuildServices s) {
        this.dataSource = s.dataSource();
        this.settings = s.settings();
        this.rebuild = s.rebuild();
        this.bootstrap = s.bootstrap();
        this.ops = s.ops();
        this.generations = s.generations();
        this.stores = s.stores();
        this.validator = s.validator();
        this.swapper = s.swapper();
        this.json = s.json();
    }

    public ProjectionStatus status(int recentRuns) {
        bootstrap.run();
        String projection = settings.projection().name();
        return new ProjectionStatus(projection, generations.live(projection), generations.previous(projection),
                RebuildLock.isHeld(dataSource, projection), ops.recentRuns(projection, recentRuns, 0));
    }

    /** Makes the previous generation live again (and the live one previous). */
    public SwapResult rollback(Trigger trigger) {
        return rollback(trigger, RunObserver.NONE);
    }

    /** As {@link #rollback(Trigger)}, telling {@code observer} the run's id as soon as it is recorded. */
    public SwapResult rollback(Trigger trigger, RunObserver observer) {
        return locked(RunKind.ROLLBACK, trigger, json.createObjectNode(), observer, runId -> {
            String projection = settings.projection().name();
            Optional<Generation> live = generations.live(projection);
            Optional<Generation> previous = generations.previous(projection);
            ObjectNode payload = json.createObjectNode().put("event", "rollback").put("projection", projection)
                    .put("runId", runId.toString());
            previous.ifPresentOrElse(p -> payload.put("generation", p.number()), () -> payload.putNull("generation"));
            live.ifPresentOrElse(l -> payload.put("previousGeneration", l.number()),
                    () -> payload.putNull("previousGeneration"));
            // The previous generation has only the grants live had when it was swapped out: replay
            // what live holds now (and the reader role), as a rebuild does for its shadow.
            GrantReport grants = schemaExists(settings.previous()) ? new GrantReplayer(dataSource)
                    .replay(settings.projection(), settings.previous(), rebuild.readerRole()) : null;
            SwapResult result = swapper.rollback(write(payload),
                    c -> generations.recordRollback(c, projection, ops.now()));
            ObjectNode receipt = json.createObjectNode();
            receipt.set("grants", grants == null ? null : json.valueToTree(grants));
            receipt.set("swap", json.valueToTree(result));
            return new Done<>(result, receipt, previous.map(Generation::number).orElse(null));
        });
    }

    /** Drops the previous generation and any retired ones. */
    public PruneResult prune(Trigger trigger) {
        return locked(RunKind.PRUNE, trigger, json.createObjectNode(), RunObserver.NONE, runId -> {
            PruneResult result = swapper.prune();
            if (result.dropped().contains(settings.previous().name())) {
                generations.recordPrune(settings.projection().name(), ops.now());
            }
            ObjectNode receipt = json.createObjectNode();
            receipt.set("prune", json.valueToTree(result));
            return new Done<>(result, receipt, null);
        });
    }

    /**
     * Checks a schema (default: live) against a catalog (default: the configured one) with the
     * parity rules that need no load: counts, SRID, geometry validity, extent, reader grants.
     */
    public ParityReport validate(Optional<String> schema, Optional<String> catalogUri, Trigger trigger) {
        return validate(schema, catalogUri, LocationPolicy.ANY, trigger, RunObserver.NONE);
    }

    /**
     * As {@link #validate(Optional, Optional, Trigger)}, reading only what {@code locations} admits
     * and telling {@code observer} the run's id as soon as it is recorded.
     */
    public ParityReport validate(Optional<String> schema, Optional<String> catalogUri, LocationPolicy locations,
            Trigger trigger, RunObserver observer) {
        PgIdentifier target = schema.map(PgIdentifier::of).orElse(settings.projection());
        String uri = catalogUri.or(settings::catalogUri).orElseThrow(() -> new UsageException("no-catalog",
                "no catalog given: pass --catalog URI or set KFM_CATALOG_URI"));
        ObjectNode args = json.createObjectNode().put("schema", target.name()).put("catalog", uri);
        bootstrap.run();
        return recorded(RunKind.VALIDATE, trigger, args, observer, runId -> {
            Catalog catalog = new CatalogReader(stores, locations).read(ArtifactStores.location(uri));
            ops.catalog(runId, catalog.root().toString(), catalog.digest());
            RunState state = new RunState(runId, RebuildRequest.defaults(trigger), RunObserver.NONE,
                    new PhaseTimer(java.time.Clock.systemUTC()), json);
            state.catalog(catalog);
            Optional<PgIdentifier> compareWith = target.equals(settings.projection()) ? Optional.empty()
                    : Optional.of(settings.projection());
            ParityReport report = validator.validate(target, compareWith, state.expectations(),
                    rebuild.parityPolicy(java.util.OptionalDouble.empty()));
            ObjectNode receipt = json.createObjectNode();
            state.parity(report);
            receipt.set("parity", state.parityJson());
            if (!report.passed()) {
                throw new Failed(new KfmException(ErrorCode.PARITY_FAILED, "parity-failed", "parity failed for "
                        + target + ":\n" + report.toText()), receipt);
            }
            return new Done<>(report, receipt, null);
        });
    }

    private <T> T locked(RunKind kind, Trigger trigger, ObjectNode args, RunObserver observer,
            Function<UUID, Done<T>> work) {
        bootstrap.run();
        return recorded(kind, trigger, args, observer, runId -> {
            try (RebuildLock lock = RebuildLock.acquire(dataSource, settings.projection().name())) {
                ops.transition(runId, "LOCKED", "holding the rebuild lock of " + lock.projection(), null);
                return work.apply(runId);
            }
        });
    }

    private <T> T recorded(RunKind kind, Trigger trigger, ObjectNode args, RunObserver observer,
            Function<UUID, Done<T>> work) {
        UUID runId = ops.startRun(kind, settings.projection().name(), trigger, args);
        observer.started(runId);
        try {
            Done<T> done = work.apply(runId);
            ops.finishRun(runId, RunOutcome.SUCCEEDED, null, done.generation(), receipt(runId, kind, trigger, args,
                    RunOutcome.SUCCEEDED, done.receipt(), null));
            return done.value();
        } catch (Failed f) {
            ops.finishRun(runId, RunOutcome.FAILED, f.error, null, receipt(runId, kind, trigger, args,
                    RunOutcome.FAILED, f.receipt, f.error));
            throw f.error;
        } catch (KfmException e) {
            ops.finishRun(runId, RunOutcome.FAILED, e, null, receipt(runId, kind, trigger, args, RunOutcome.FAILED,
                    json.createObjectNode(), e));
            throw e;
        }
    }

    private ObjectNode receipt(UUID runId, RunKind kind, Trigger trigger, ObjectNode args, RunOutcome outcome,
            ObjectNode body, KfmException error) {
        ObjectNode r = json.createObjectNode().put("receiptVersion", 1).put("runId", runId.toString())
                .put("kind", kind.dbValue()).put("projection", settings.projection().name())
                .put("triggeredBy", trigger.principal()).put("trigger", trigger.channel())
                .put("finishedAt", ops.now().toString()).put("outcome", outcome.name());
        r.set("arguments", args);
        r.setAll(body);
        if (error != null) {
            r.putObject("error").put("code", error.code().name()).put("exitCode", error.code().exitCode())
                    .put("rule", error.rule()).put("message", error.getMessage());
        }
        return r;
    }

    private boolean schemaExists(PgIdentifier schema) {
        return Schemas.exists(dataSource, schema);
    }

    private String write(ObjectNode n) {
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Done<T>(T value, ObjectNode receipt, Long generation) {
    }

    /** A failure whose receipt body is already known (a failed parity report). */
    private static final class Failed extends RuntimeException {
        private final KfmException error;
        private final ObjectNode receipt;

        Failed(KfmException error, ObjectNode receipt) {
            super(error.getMessage(), error, false, false);
            this.error = error;
            this.receipt = receipt;
        }
    }
}
