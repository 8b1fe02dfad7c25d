package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogReader;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.load.LoadResult;
import org.kfm.projection.load.ShadowIndexes;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.migrate.MigrationResult;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.history.Generation;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.history.WebhookDelivery;
import org.kfm.projection.swap.GrantReplayer;
import org.kfm.projection.swap.GrantReport;
import org.kfm.projection.swap.SchemaSwapper;
import org.kfm.projection.swap.SwapResult;
import org.kfm.projection.validate.ParityPolicy;
import org.kfm.projection.validate.ParityReport;
import org.kfm.projection.validate.ParityValidator;
import org.kfm.projection.validate.ShadowScan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One rebuild as a template of numbered, recorded steps: lock, prepare, migrate, load, index,
 * validate, swap. Every transition is written to the ops schema as it happens. Anything that goes
 * wrong before the swap commits leaves the live projection untouched; the shadow is kept for
 * inspection (or dropped on request) and the next run cleans it up.
 */
public final class RebuildOrchestrator {
    private static final Logger LOG = LoggerFactory.getLogger(RebuildOrchestrator.class);

    private final DataSource dataSource;
    private final Settings settings;
    private final RebuildSettings rebuild;
    private final DatabaseBootstrap bootstrap;
    private final SchemaMigrator migrator;
    private final OpsStore ops;
    private final GenerationStore generations;
    private final ArtifactStores stores;
    private final ParityValidator validator;
    private final SchemaSwapper swapper;
    private final ObjectMapper json;
    private final Clock clock;
    private final ShadowSchema shadow;
    private final GenerationSwap generationSwap;
    private final RunRecorder recorder;
    private final RebuildEnding ending;
    private final ShadowBudget budget;
    private final RebuildPlanner planner;
    private final ShadowLoad shadowLoad;

    public RebuildOrchestrator(RebuildServices s) {
        this(s, SwapListener.NONE);
    }

    /**
     * @param swapListener told about every committed swap (webhooks) once the run has ended and
     *     released its lock; it records its own outcomes
     */
    public RebuildOrchestrator(RebuildServices s, SwapListener swapListener) {
        this(s, swapListener, RunHook.NONE);
    }

    /** @param hook told of every state a run enters; what it throws fails the run (tests inject faults) */
    public RebuildOrchestrator(RebuildServices s, SwapListener swapListener, RunHook hook) {
        this.dataSource = s.dataSource();
        this.settings = s.settings();
        this.rebuild = s.rebuild();
        this.bootstrap = s.bootstrap();
        this.migrator = s.migrator();
        this.ops = s.ops();
        this.generations = s.generations();
        this.stores = s.stores();
        this.validator = s.validator();
        this.swapper = s.swapper();
        this.json = s.json();
        this.clock = s.clock();
        this.shadow = new ShadowSchema(s.dataSource(), s.settings().shadow(), s.ops());
        this.generationSwap = new GenerationSwap(s.dataSource(), s.settings().projection().name(), s.ops(),
                s.generations(), s.swapper(), s.json(), swapListener);
        this.recorder = new RunRecorder(s.ops(), s.settings().projection().name(), s.json(), hook);
        this.ending = new RebuildEnding(s.rebuild(), s.ops(), s.stores(), s.json(), shadow, recorder);
        this.budget = new ShadowBudget(s);
        this.planner = new RebuildPlanner(s.migrator(), new LiveVersions(s.dataSource()));
        this.shadowLoad = new ShadowLoad(s);
    }

    /**
     * Runs one rebuild to its end.
     *
     * @return the outcome when the run succeeded, was skipped or was a dry run
     * @throws KfmException when it failed or was cancelled; the receipt is recorded first
     */
    public RebuildResult rebuild(RebuildRequest request, RunObserver observer) {
        return run(accept(request, observer));
    }

    /**
     * The first step on the caller's thread: records the run and takes the rebuild lock, so a
     * caller that must answer at once (the service's 202) has a run id, and a second rebuild is
     * refused before anything is queued. Continue with {@link #run(AcceptedRebuild)}, on any thread.
     *
     * @throws LockHeldException when another run holds the lock (the attempt is recorded REFUSED)
     * @throws KfmException {@code BAD_USAGE} when no catalog is given or configured
     */
    public AcceptedRebuild accept(RebuildRequest request, RunObserver observer) {
        bootstrap.run();
        String catalogUri = request.catalogUri().or(settings::catalogUri).orElseThrow(() -> new UsageException(
                "no-catalog", "no catalog given: pass --catalog URI or set KFM_CATALOG_URI"));
        RunState run = new RunState(recorder.start(RunKind.REBUILD, request.trigger(), arguments(request, catalogUri)),
                request, observer, new PhaseTimer(clock), json);
        observer.started(run.id());
        MDC.put("runId", run.id().toString());
        try {
            RebuildLock lock = RebuildLock.acquire(dataSource, settings.projection().name(), run.id());
            try {
                enter(run, Phase.LOCKED, "holding the rebuild lock of " + lock.projection());
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
            return new AcceptedRebuild(run, lock, catalogUri);
        } catch (KfmException e) {
            throw ending.fail(run, e);
        } catch (RuntimeException e) {
            throw ending.fail(run, RunRecorder.unexpected(e));
        } catch (Error e) {
            throw failed(run, e);
        } finally {
            MDC.remove("runId");
            MDC.remove("phase");
        }
    }

    /**
     * Runs an accepted rebuild to its end and releases its lock.
     *
     * @return the outcome when the run succeeded, was skipped or was a dry run
     * @throws KfmException when it failed or was cancelled; the receipt is recorded first
     */
    public RebuildResult run(AcceptedRebuild accepted) {
        accepted.use();
        RunState run = accepted.run();
        MDC.put("runId", run.id().toString());
        MDC.put("phase", Phase.LOCKED.name());
        try (RebuildLock lock = accepted.lock()) {
            return execute(run, accepted.catalogUri());
        } catch (KfmException e) {
            throw ending.fail(run, e);
        } catch (RuntimeException e) {
            throw ending.fail(run, RunRecorder.unexpected(e));
        } catch (Error e) {
            throw failed(run, e);
        } finally {
            // The run has ended and the lock is released: a slow receiver cannot hold either.
            generationSwap.announce(run);
            MDC.remove("runId");
            MDC.remove("phase");
        }
    }

    /**
     * Waits, within the webhooks' own bound (timeout × attempts plus backoff), for the deliveries of
     * a swap this orchestrator announced: for callers that exit after the run (the CLI).
     *
     * @return the deliveries as recorded; empty when none were configured or nothing was swapped
     */
    public List<WebhookDelivery> awaitDeliveries(UUID runId) {
        return generationSwap.awaitAnnouncement(runId);
    }

    /**
     * Gives up an accepted rebuild that will not run (its executor refused it: the service is
     * stopping): records it CANCELLED by {@code cancellation} and releases the lock.
     */
    public void discard(AcceptedRebuild accepted, Cancellation cancellation) {
        accepted.use();
        MDC.put("runId", accepted.runId().toString());
        try (RebuildLock lock = accepted.lock()) {
            ending.fail(accepted.run(), new RunCancelledException(cancellation, "its first step (it was accepted "
                    + "but never started)"));
        } finally {
            MDC.remove("runId");
            MDC.remove("phase");
        }
    }

    private RebuildResult execute(RunState run, String catalogUri) {
        List<UUID> abandoned = ops.markAbandoned(settings.projection().name(), run.id(),
                "the process running it ended without finishing (found by run " + run.id() + ")");
        if (!abandoned.isEmpty()) {
            LOG.warn("marked {} run(s) left open by dead processes as ABANDONED: {}", abandoned.size(), abandoned);
        }
        enter(run, Phase.PREPARING, "reading catalog " + catalogUri);
        Catalog catalog = new CatalogReader(stores, run.request().locations())
                .read(ArtifactStores.location(catalogUri));
        run.catalog(catalog);
        ops.catalog(run.id(), catalog.root().toString(), catalog.digest());
        String targetVersion = latestMigration();
        Optional<Generation> live = generations.live(settings.projection().name());
        RebuildPlan plan = plan(run, catalog, targetVersion, live);
        if (plan.skip().skipped()) {
            skipSteps(run, Phase.MIGRATING, "catalog and migrations unchanged");
            return ending.finish(run, RunOutcome.SKIPPED, null, DataEffect.untouched(), "skipped: "
                    + plan.skip().reason() + " (use --force to rebuild anyway)");
        }
        ShadowBudget.Check preflight = budget.check(catalog, run.request().pruneBeforeLoad(), plan);
        run.shadowBudget(preflight.toJson(json));
        if (run.request().dryRun()) {
            skipSteps(run, Phase.MIGRATING, "dry run");
            return ending.finish(run, RunOutcome.SUCCEEDED, null, DataEffect.untouched(), "dry run: would rebuild "
                    + catalog.items().size() + " dataset version(s) from " + catalog.digest()
                    + " at migration version " + targetVersion + " (" + plan.changeLine() + "; " + plan.actionLine()
                    + "); " + preflight.describe()
                    + (run.request().pruneBeforeLoad() ? "; --prune-before-load would drop " + settings.previous() : "")
                    + "; nothing was changed");
        }
        if (!preflight.fits()) {
            throw preflight.refusal();
        }
        if (run.request().pruneBeforeLoad()) {
            String pruned = budget.pruneBeforeLoad(run.id());
            run.shadowBudget().put("pruned", pruned);
            observer(run).phase(Phase.PREPARING, pruned);
        }
        shadow.dropLeftover(run);
        enter(run, Phase.MIGRATING, "migrating " + settings.shadow() + " to " + targetVersion);
        run.shadowCreated(true);
        MigrationResult migration = migrator.migrate(settings.shadow(), null);
        run.migration(migration, migrator.history(settings.shadow()));
        ShadowIndexes indexes = new ShadowIndexes(dataSource, rebuild.parallelism(), clock);
        ShadowIndexes.SetAside setAside = indexes.setAside(settings.shadow());
        enter(run, Phase.LOADING, shadowLoad.describe(catalog, plan, rebuild.copyStreams()));
        LoadResult load = shadowLoad.run(run, catalog, plan);
        enter(run, Phase.INDEXING, "recreating " + setAside.definitions().size() + " index(es), then ANALYZE, "
                + "beside parity's scan of the loaded rows");
        ParityPolicy policy = rebuild.parityPolicy(settings, run.request().allowShrink());
        ParityReport parity;
        // The scan needs no index: it runs beside the builds and ANALYZE, on cores they leave idle (docs/parity.md).
        try (ShadowScan scan = validator.startShadowScan(settings.shadow(), policy.targetSrid(),
                rebuild.parallelism())) {
            run.indexes(indexes.recreate(setAside));
            budget.measure(settings.shadow()).ifPresent(b -> run.shadowBudget().put("measuredBytes", b));
            enter(run, Phase.VALIDATING, "replaying grants and checking parity");
            parity = validate(run, policy, scan);
        }
        if (run.request().noSwap()) {
            skipSteps(run, Phase.SWAPPING, "--no-swap");
            return ending.finish(run, RunOutcome.SUCCEEDED, null, DataEffect.untouched().shadowKept(
                    settings.shadow().name()), "validated, not swapped (--no-swap): shadow " + settings.shadow()
                    + " is ready; live projection untouched");
        }
        enter(run, Phase.SWAPPING, "swapping " + settings.shadow() + " in as " + settings.projection());
        long rows = load.rows() + run.carriedRows();
        SwapResult swap = generationSwap.swap(run, catalog, migration, parity, rows);
        long generation = swap.generation().orElseThrow();
        return ending.finish(run, RunOutcome.SUCCEEDED, generation, DataEffect.swapped(generation), "generation "
                + generation + " is live (" + rows + " rows" + (run.carriedRows() > 0 ? ", " + run.carriedRows()
                + " carried from the previous one" : "") + ", parity passed, swap "
                + swap.transactionTime().toMillis() + " ms)");
    }

    /** The run's plan against live: what it carries and what it loads; kept for its receipt. Reads only. */
    private RebuildPlan plan(RunState run, Catalog catalog, String targetVersion, Optional<Generation> live) {
        RebuildPlan plan = planner.plan(catalog, targetVersion, live, shadow.schemaExists(settings.projection())
                ? Optional.of(settings.projection()) : Optional.empty(),
                rebuild.parityPolicy(settings, run.request().allowShrink()), run.request().force(),
                run.request().loadsEverything(), rebuild.unclosedRing());
        run.plan(plan);
        LOG.info("plan: {}; {}", plan.changeLine(), plan.actionLine());
        return plan;
    }

    /** Step VALIDATING: replays the live grants onto the shadow, then checks parity; a failed check ends the run. */
    private ParityReport validate(RunState run, ParityPolicy policy, ShadowScan scan) {
        Optional<PgIdentifier> liveSchema = shadow.schemaExists(settings.projection())
                ? Optional.of(settings.projection()) : Optional.empty();
        GrantReport grants = new GrantReplayer(dataSource).replay(liveSchema.orElse(settings.projection()),
                settings.shadow(), settings.readerRole());
        run.grants(grants);
        ParityReport parity = validator.validate(scan, liveSchema.map(live -> new LiveBaselines(
                rebuild.parity().liveBaseline(), generations, swapper).choose(settings.projection().name(), live)),
                run.expectations(), policy);
        run.parity(parity);
        observer(run).phase(Phase.VALIDATING, parity.passed() ? "parity passed" : "parity FAILED");
        if (!parity.passed()) {
            throw new KfmException(ErrorCode.PARITY_FAILED, "parity-failed", "parity failed for "
                    + settings.shadow() + ":\n" + parity.toText());
        }
        return parity;
    }

    private String latestMigration() {
        List<String> versions = migrator.availableVersions();
        if (versions.isEmpty()) {
            throw new UsageException("no-migrations", "no projection migrations in " + migrator.source().location());
        }
        return versions.get(versions.size() - 1);
    }

    private void enter(RunState run, Phase phase, String message) {
        run.timer().start(phase);
        MDC.put("phase", phase.name());
        LOG.info("step {}/{} {}: {}", phase.step(), Phase.steps(), phase, message);
        recorder.transition(run.recording(), phase.name(), message);
        observer(run).phase(phase, message);
        if (observer(run).cancelRequested()) {
            // not a LoadCancelledException: that one says a load was cut short, which is not what happened
            throw new RunCancelledException(observer(run).cancellation(), "step " + phase.step() + "/"
                    + Phase.steps() + " " + phase);
        }
    }

    /** Steps {@code from} to the last one are not run: logged and timed as the numbered steps they are. */
    private void skipSteps(RunState run, Phase from, String why) {
        for (Phase p : Phase.values()) {
            if (p.step() >= from.step() && p.step() > 0) {
                LOG.info("step {}/{} {} (SKIPPED: {})", p.step(), Phase.steps(), p, why);
                run.timer().skipped(p, why);
            }
        }
    }

    /** An {@link Error} ends the run FAILED like any failure, then goes on up. */
    private Error failed(RunState run, Error e) {
        try {
            ending.fail(run, RunRecorder.unexpected(e));
        } catch (RuntimeException recording) {
            e.addSuppressed(recording);
        }
        return e;
    }

    private static RunObserver observer(RunState run) {
        return run.observer();
    }

    private ObjectNode arguments(RebuildRequest r, String catalogUri) {
        ObjectNode n = json.createObjectNode().put("catalog", catalogUri).put("dryRun", r.dryRun())
                .put("noSwap", r.noSwap()).put("force", r.force()).put("keepShadowOnFailure", r.keepShadowOnFailure())
                .put("pruneBeforeLoad", r.pruneBeforeLoad()).put("full", r.full());
        r.allowShrink().ifPresent(f -> n.put("allowShrink", f));
        return n;
    }
}
