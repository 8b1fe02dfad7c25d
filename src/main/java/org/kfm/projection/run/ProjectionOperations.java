package org.kfm.projection.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogReader;
import org.kfm.projection.catalog.LocationPolicy;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.Schemas;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.history.Generation;
import org.kfm.projection.history.KeptShadow;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.Trigger;
import org.kfm.projection.swap.GrantReplayer;
import org.kfm.projection.swap.GrantReport;
import org.kfm.projection.swap.PruneResult;
import org.kfm.projection.swap.SchemaSwapper;
import org.kfm.projection.swap.SwapResult;
import org.kfm.projection.validate.ParityReport;
import org.kfm.projection.validate.ParityValidator;

/**
 * Everything an operator does to the projection besides a rebuild: status, rollback, prune and a
 * stand-alone parity check. Rollback and prune take the rebuild lock, so they never race a rebuild,
 * and so does a check of the shadow (a rebuild may be writing it); each is recorded as a run, with a
 * receipt, through the one {@link RunRecorder}.
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
    private final RunRecorder recorder;

    public ProjectionOperations(RebuildServices s) {
        this(s, RunHook.NONE);
    }

    /** @param hook told of every state a run enters; what it throws fails the run (tests inject faults) */
    public ProjectionOperations(RebuildServices s, RunHook hook) {
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
        this.recorder = new RunRecorder(s.ops(), s.settings().projection().name(), s.json(), hook);
    }

    /**
     * The live and previous generation, whether the lock is held, a kept shadow and the run that kept
     * it, and the last {@code recentRuns} runs: a few indexed reads. The bootstrap runs only the first
     * time in a process (a CLI {@code status} on a fresh database); after that a status never runs Flyway.
     */
    public ProjectionStatus status(int recentRuns) {
        bootstrap.run();
        String projection = settings.projection().name();
        // live and previous in one read
        java.util.List<Generation> current = generations.current(projection);
        boolean running = RebuildLock.isHeld(dataSource, projection);
        Optional<KeptShadow> kept = running || !Schemas.exists(dataSource, settings.shadow()) ? Optional.empty()
                : Optional.of(new KeptShadow(settings.shadow().name(),
                        ops.keptShadowRun(projection, settings.shadow().name())));
        return new ProjectionStatus(projection, current.stream().filter(Generation::isLive).findFirst(),
                current.stream().filter(g -> "previous".equals(g.status())).findFirst(), running,
                recentRuns > 0 ? ops.recentRuns(projection, recentRuns, 0) : java.util.List.of(), kept);
    }

    /** Makes the previous generation live again (and the live one previous). */
    public Recorded<RunResults.Rollback> rollback(Trigger trigger) {
        return rollback(trigger, RunObserver.NONE);
    }

    /** As {@link #rollback(Trigger)}, telling {@code observer} the run's id as soon as it is recorded. */
    public Recorded<RunResults.Rollback> rollback(Trigger trigger, RunObserver observer) {
        return locked(RunKind.ROLLBACK, trigger, json.createObjectNode(), observer, run -> {
            String projection = settings.projection().name();
            Optional<Generation> live = generations.live(projection);
            Optional<Generation> previous = generations.previous(projection);
            ObjectNode payload = json.createObjectNode().put("event", "rollback").put("projection", projection)
                    .put("runId", run.id().toString());
            previous.ifPresentOrElse(p -> payload.put("generation", p.number()), () -> payload.putNull("generation"));
            live.ifPresentOrElse(l -> payload.put("previousGeneration", l.number()),
                    () -> payload.putNull("previousGeneration"));
            // The previous generation has only the grants live had when it was swapped out: replay
            // what live holds now (and the reader role), as a rebuild does for its shadow.
            GrantReport grants = Schemas.exists(dataSource, settings.previous()) ? new GrantReplayer(dataSource)
                    .replay(settings.projection(), settings.previous(), settings.readerRole()) : null;
            recorder.transition(run, "SWAPPING", "rolling " + settings.projection() + " back to "
                    + settings.previous());
            SwapResult result = swapper.rollback(write(payload),
                    c -> generations.recordRollback(c, projection, ops.now()));
            ObjectNode body = json.createObjectNode();
            body.set("grants", grants == null ? null : json.valueToTree(grants));
            body.set("swap", json.valueToTree(result));
            Long generation = result.generation().isPresent() ? result.generation().getAsLong() : null;
            DataEffect data = generation == null ? DataEffect.untouched() : DataEffect.swapped(generation);
            return new RunRecorder.Done<>(RunResults.Rollback.of(result), "rolled back: generation " + generation + " is live again",
                    generation, data, body);
        });
    }

    /** Drops the previous generation and any retired ones. */
    public Recorded<RunResults.Prune> prune(Trigger trigger) {
        return locked(RunKind.PRUNE, trigger, json.createObjectNode(), RunObserver.NONE, run -> {
            recorder.transition(run, "PRUNING", "dropping " + settings.previous() + " and retired generations");
            PruneResult result = swapper.prune();
            if (result.dropped().contains(settings.previous().name())) {
                generations.recordPrune(settings.projection().name(), ops.now());
            }
            ObjectNode body = json.createObjectNode();
            body.set("prune", json.valueToTree(result));
            return new RunRecorder.Done<>(RunResults.Prune.of(result), result.dropped().isEmpty() ? "nothing to prune"
                    : "dropped " + String.join(", ", result.dropped()), null, DataEffect.untouched(), body);
        });
    }

    /**
     * Checks a schema (default: live) against a catalog (default: the configured one) with the
     * parity rules that need no load: counts, SRID, geometry validity, extent, reader grants. The
     * shadow is checked only under the rebuild lock: while a rebuild holds it, the check is refused
     * (the shadow is being written), so only a kept shadow is ever validated.
     *
     * @throws LockHeldException when the shadow is asked for while another run holds the lock
     */
    public Recorded<RunResults.Validation> validate(Optional<String> schema, Optional<String> catalogUri, Trigger trigger) {
        return validate(schema, catalogUri, LocationPolicy.ANY, trigger, RunObserver.NONE);
    }

    /**
     * As {@link #validate(Optional, Optional, Trigger)}, reading only what {@code locations} admits
     * and telling {@code observer} the run's id as soon as it is recorded.
     */
    public Recorded<RunResults.Validation> validate(Optional<String> schema, Optional<String> catalogUri,
            LocationPolicy locations, Trigger trigger, RunObserver observer) {
        PgIdentifier target = schema.map(PgIdentifier::of).orElse(settings.projection());
        String uri = catalogUri.or(settings::catalogUri).orElseThrow(() -> new UsageException("no-catalog",
                "no catalog given: pass --catalog URI or set KFM_CATALOG_URI"));
        ObjectNode args = json.createObjectNode().put("schema", target.name()).put("catalog", uri);
        RunRecorder.Work<RunResults.Validation> work = run -> {
            recorder.transition(run, "VALIDATING", "checking " + target + " against " + uri);
            Catalog catalog = new CatalogReader(stores, locations).read(ArtifactStores.location(uri));
            ops.catalog(run.id(), catalog.root().toString(), catalog.digest());
            Optional<PgIdentifier> compareWith = target.equals(settings.projection()) ? Optional.empty()
                    : Optional.of(settings.projection());
            ParityReport report = validator.validate(target, compareWith, RunState.expectations(catalog, null),
                    rebuild.parityPolicy(settings, OptionalDouble.empty()));
            ObjectNode body = json.createObjectNode();
            body.putObject("catalog").put("uri", catalog.root().toString()).put("digest", catalog.digest());
            body.set("parity", RunState.parityJson(json, report));
            if (!report.passed()) {
                throw new RunRecorder.RunFailure(new KfmException(ErrorCode.PARITY_FAILED, "parity-failed",
                        "parity failed for " + target + ":\n" + report.toText()), body);
            }
            return new RunRecorder.Done<>(RunResults.Validation.of(report), "parity passed for " + target, null, DataEffect.untouched(),
                    body);
        };
        return target.equals(settings.shadow()) ? locked(RunKind.VALIDATE, trigger, args, observer, work)
                : recorded(RunKind.VALIDATE, trigger, args, observer, work);
    }

    private <T> Recorded<T> locked(RunKind kind, Trigger trigger, ObjectNode args, RunObserver observer,
            RunRecorder.Work<T> work) {
        return recorded(kind, trigger, args, observer, run -> {
            try (RebuildLock lock = RebuildLock.acquire(dataSource, settings.projection().name(), run.id())) {
                recorder.transition(run, "LOCKED", "holding the rebuild lock of " + lock.projection());
                return work.run(run);
            }
        });
    }

    private <T> Recorded<T> recorded(RunKind kind, Trigger trigger, ObjectNode args, RunObserver observer,
            RunRecorder.Work<T> work) {
        bootstrap.run();
        return recorder.run(kind, trigger, args, DataEffect.untouched(), observer, work);
    }

    private String write(ObjectNode n) {
        try {
            return json.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
