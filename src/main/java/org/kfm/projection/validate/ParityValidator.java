package org.kfm.projection.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a shadow generation against the catalog, the loader's counts and digests, and the live
 * generation (DESIGN §5). Findings are returned in the {@link ParityReport}, never thrown: the
 * orchestrator decides what they mean.
 *
 * <p>Everything runs in one {@code REPEATABLE READ} transaction, so the shadow, live and the grants
 * are seen at one instant. It is read-only except under {@link InvalidGeometryPolicy#REPAIR}, whose
 * updates commit only when the whole validation ran; if it cannot run, they are rolled back.
 */
public final class ParityValidator {
    /** How many invalid and how many empty geometries are listed per dataset version by default. */
    public static final int DEFAULT_SAMPLE_CAP = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ParityValidator.class);
    private static final String ALLOW_WORKERS = """
            SELECT set_config('max_parallel_workers_per_gather',
                              greatest(current_setting('max_parallel_workers_per_gather')::int, ?)::text, true)""";

    private final DataSource dataSource;
    private final Clock clock;
    private final int sampleCap;

    public ParityValidator(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_SAMPLE_CAP);
    }

    /** @param sampleCap how many invalid and how many empty geometries to list per dataset version */
    public ParityValidator(DataSource dataSource, Clock clock, int sampleCap) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (sampleCap < 0) {
            throw new IllegalArgumentException("sample cap must be >= 0: " + sampleCap);
        }
        this.sampleCap = sampleCap;
    }

    /**
     * Validates {@code shadow} against the expectations and, when given, the live generation.
     *
     * @param shadow       the schema built by this run
     * @param live         the schema readers use now; empty on the first build
     * @param expectations one per catalog dataset version (ids unique)
     * @param policy       the rules' settings
     * @return the report; {@link ParityReport#passed()} says whether the swap may proceed
     * @throws KfmException rule {@code parity-schema-missing} when a schema or one of its tables is
     *     missing, {@code parity-query-failed} when the database refuses; nothing is changed then
     * @throws IllegalArgumentException when two expectations name the same dataset version, or the
     *     live schema is the shadow
     */
    public ParityReport validate(PgIdentifier shadow, Optional<PgIdentifier> live, List<Expectation> expectations,
                                 ParityPolicy policy) {
        Objects.requireNonNull(live, "live");
        return run(shadow, live.map(LiveBaseline::scan), expectations, policy);
    }

    /**
     * As {@link #validate(PgIdentifier, Optional, List, ParityPolicy)}, comparing with a live
     * baseline that may be the results recorded for the live generation instead of a scan of it
     * ({@link LiveBaseline#recorded}): that saves a scan of live as long as the shadow's.
     *
     * @throws KfmException as the other overload
     * @throws IllegalArgumentException as the other overload
     */
    public ParityReport validate(PgIdentifier shadow, LiveBaseline live, List<Expectation> expectations,
                                 ParityPolicy policy) {
        return run(shadow, Optional.of(Objects.requireNonNull(live, "live")), expectations, policy);
    }

    /**
     * Starts the shadow's scan for rules 1, 2, 4 and 5 now, on a connection and thread of its own, to
     * run beside other work on the shadow that changes no rows (index builds, ANALYZE); pass it to
     * {@link #validate(ShadowScan, Optional, List, ParityPolicy)} and close it afterwards. Start it only
     * once the shadow's rows are committed and only where nobody else writes them: the validation
     * holds the rows to the rules as this scan saw them (see {@link ShadowScan}).
     *
     * @param targetSrid the SRID the validation's policy will have
     * @param workers    parallel workers the scan may use (at least the server's setting)
     */
    public ShadowScan startShadowScan(PgIdentifier shadow, int targetSrid, int workers) {
        return ShadowScan.start(dataSource, clock, shadow, targetSrid, workers);
    }

    /**
     * As {@link #validate(PgIdentifier, LiveBaseline, List, ParityPolicy)} for the schema of
     * {@code scan}, using that scan's result instead of scanning the shadow in the validation's
     * transaction. Everything else (the {@code dataset_version} rows, repairs, listed geometries,
     * extents, live, grants) is read in the validation's own transaction as before.
     *
     * @param live the live baseline; empty on the first build
     * @throws KfmException as the other overloads, also when the scan failed
     * @throws IllegalArgumentException as the other overloads, or when the scan was started for
     *     another SRID than the policy's
     */
    public ParityReport validate(ShadowScan scan, Optional<LiveBaseline> live, List<Expectation> expectations,
                                 ParityPolicy policy) {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(policy, "policy");
        if (scan.targetSrid() != policy.targetSrid()) {
            throw new IllegalArgumentException("the shadow scan was started for SRID " + scan.targetSrid()
                    + ", the policy's is " + policy.targetSrid());
        }
        return run(scan.schema(), live, expectations, policy, Optional.of(scan));
    }

    private ParityReport run(PgIdentifier shadow, Optional<LiveBaseline> live, List<Expectation> expectations,
                             ParityPolicy policy) {
        return run(shadow, live, expectations, policy, Optional.empty());
    }

    private ParityReport run(PgIdentifier shadow, Optional<LiveBaseline> live, List<Expectation> expectations,
                             ParityPolicy policy, Optional<ShadowScan> scan) {
        Objects.requireNonNull(shadow, "shadow");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(policy, "policy");
        if (live.isPresent() && live.get().schema().equals(shadow)) {
            throw new IllegalArgumentException("the shadow and the live schema are both " + shadow);
        }
        Map<String, Expectation> byId = index(expectations);
        Instant start = clock.instant();
        LOG.info("parity: validating {} against {} and {} catalog dataset versions", shadow,
                live.map(l -> l.schema() + (l.recorded().isPresent() ? " (recorded results)" : ""))
                        .orElse("no live generation"), byId.size());
        try (Connection c = dataSource.getConnection()) {
            boolean writes = policy.invalidPolicy() == InvalidGeometryPolicy.REPAIR;
            ValidationRun.Gathered g = inTransaction(c, writes, () -> new ValidationRun(c, policy, sampleCap, byId)
                    .run(shadow, live, scan));
            ParityReport report = new ParityReport(shadow.name(), live.map(l -> l.schema().name()), policy,
                    ResultAssembler.results(byId, g), g.findings(), g.comparison().summary(), g.shadow().totalRows(),
                    g.live().map(l -> OptionalLong.of(l.totalRows())).orElse(OptionalLong.empty()),
                    Duration.between(start, clock.instant()));
            LOG.info("parity: {} for {} in {} ms: {} dataset versions, {} rows, {} failures, {} warnings",
                    report.passed() ? "passed" : "FAILED", shadow, report.elapsed().toMillis(),
                    report.datasetVersions().size(), report.shadowRows(), report.failures().size(),
                    report.findings(Severity.WARN).size());
            return report;
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "parity-query-failed", "parity validation of " + shadow
                    + " could not run: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "). Nothing was changed.", e);
        }
    }

    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Lets the statements of the current transaction use {@code workers} parallel workers per
     * gather, never fewer than the server's setting (PostgreSQL launches fewer when none are free).
     */
    static void allowWorkers(Connection c, int workers) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ALLOW_WORKERS)) {
            ps.setInt(1, workers);
            ps.execute();
        }
    }

    /** Runs {@code work} in one REPEATABLE READ transaction with the validation's session settings. */
    static <T> T inTransaction(Connection c, boolean writes, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        T result;
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, " + (writes ? "READ WRITE" : "READ ONLY"));
            // ST_IsValid raises a NOTICE per invalid geometry; a million of them would flood the client.
            s.execute("SET LOCAL client_min_messages = warning");
            // The scans' time goes into PostGIS and md5 calls, which JIT cannot speed up; compiling the
            // expressions in each parallel worker cost ~13% of the million-row scan here (docs/parity.md).
            s.execute("SET LOCAL jit = off");
            result = work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
                c.setAutoCommit(autoCommit);
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        c.setAutoCommit(autoCommit);
        return result;
    }

    private static Map<String, Expectation> index(List<Expectation> expectations) {
        Map<String, Expectation> byId = new TreeMap<>();
        for (Expectation e : expectations) {
            if (byId.put(e.datasetVersionId(), e) != null) {
                throw new IllegalArgumentException("two expectations for dataset version " + e.datasetVersionId());
            }
        }
        return byId;
    }
}
