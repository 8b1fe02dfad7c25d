package org.kfm.projection.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The incremental rebuild's other half of the load (docs/incremental.md): copies the features of
 * unchanged dataset versions from the live generation into the shadow with {@code INSERT ... SELECT},
 * inside the database, so their artifacts are not downloaded nor parsed again. Each version is one
 * transaction on its own connection, with its {@code dataset_version} row written from the catalog as
 * the loader writes it; at most {@code parallelism} at once, largest first. The first failure stops the
 * versions not yet started and is thrown once every worker has let go of its connection; the caller
 * throws the shadow away.
 *
 * <p>It proves nothing by itself: parity checks every carried version against the rows and digest
 * recorded for it when live was swapped in (rule {@code carried-rows}).
 */
public final class LiveCarrier {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCarrier.class);

    private final DataSource dataSource;
    private final int parallelism;
    private final Clock clock;

    public LiveCarrier(DataSource dataSource, int parallelism, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        }
        this.parallelism = parallelism;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code promoted_at} as the loader stores it (rounded to microseconds): what a carry may compare. */
    public static Instant asStored(Instant promotedAt) {
        return BinaryCopyWriter.roundToMicros(promotedAt);
    }

    /**
     * Carries {@code items} from {@code live} into {@code shadow}, which must be migrated to the same
     * version as live and hold no rows of these versions.
     *
     * @throws LoadCancelledException when {@code listener} cancels (before the next version starts)
     * @throws KfmException rule {@code carry-shape-differs} when live's {@code feature_geom} has other
     *     columns than the shadow's; {@code carry-failed} or {@code disk-full} when the database fails
     */
    public CarryResult carry(PgIdentifier live, PgIdentifier shadow, List<CatalogItem> items, CarryListener listener) {
        if (items.isEmpty()) {
            return CarryResult.none(live.name());
        }
        Instant start = clock.instant();
        String columns = columns(live, shadow);
        String insert = new SqlResources("load", null).get("carry_feature_geom").replace("{shadow}", shadow.quoted())
                .replace("{live}", live.quoted()).replace("{columns}", columns);
        SqlResources rowSql = new SqlResources("load", shadow);
        int threads = Math.min(parallelism, items.size());
        LOG.info("carry from {} into {} started: {} dataset version(s) on {} connection(s)", live, shadow,
                items.size(), threads);
        List<CatalogItem> order = items.stream().sorted(Comparator.comparingLong(
                CatalogItem::declaredFeatureCount).reversed()).toList();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        AtomicLong rows = new AtomicLong();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kfm-carry-" + shadow);
            t.setDaemon(true);
            return t;
        });
        List<Future<CarryResult.CarriedVersion>> futures = new ArrayList<>();
        try {
            for (CatalogItem item : order) {
                futures.add(pool.submit(() -> {
                    if (mdc != null) {
                        MDC.setContextMap(mdc);
                    }
                    try {
                        if (failure.get() != null) {
                            return null;
                        }
                        if (listener.cancelled()) {
                            throw new LoadCancelledException(live + ".feature_geom", 0, item.datasetVersionId(),
                                    shadow.name());
                        }
                        CarryResult.CarriedVersion v = carryOne(shadow, rowSql, insert, item);
                        synchronized (listener) {
                            int n = done.incrementAndGet();
                            LOG.info("carried {} from {}: {} rows in {} ms ({}/{})", v.datasetVersionId(), live,
                                    v.rows(), v.millis(), n, items.size());
                            listener.carried(v, n, items.size(), rows.addAndGet(v.rows()));
                        }
                        return v;
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                        throw e;
                    } finally {
                        MDC.clear();
                    }
                }));
            }
            List<CarryResult.CarriedVersion> carried = new ArrayList<>();
            for (Future<CarryResult.CarriedVersion> f : futures) {
                try {
                    CarryResult.CarriedVersion v = f.get();
                    if (v != null) {
                        carried.add(v);
                    }
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, new KfmException(ErrorCode.FAILED, "cancelled", "carry into "
                            + shadow + " interrupted; its open transactions were rolled back", e));
                    break;
                }
            }
            if (failure.get() != null) {
                throw unchecked(failure.get());
            }
            Duration took = Duration.between(start, clock.instant());
            LOG.info("carry into {} complete: {} rows of {} dataset version(s) in {} ms", shadow, rows.get(),
                    carried.size(), took.toMillis());
            return new CarryResult(live.name(), carried, rows.get(), took, threads);
        } finally {
            pool.shutdownNow();
        }
    }

    private CarryResult.CarriedVersion carryOne(PgIdentifier shadow, SqlResources rowSql, String insert,
            CatalogItem item) {
        long t0 = System.nanoTime();
        String id = item.datasetVersionId();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                DatasetVersionLoader.insertRow(c, rowSql, item);
                long n;
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    ps.setString(1, id);
                    n = ps.executeLargeUpdate();
                }
                c.commit();
                return new CarryResult.CarriedVersion(id, n, (System.nanoTime() - t0) / 1_000_000);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            if (LoadErrors.DISK_FULL.equals(e.getSQLState())) {
                throw LoadErrors.diskFull("carrying dataset version '" + id + "' into " + shadow + ".feature_geom", e);
            }
            throw new KfmException(ErrorCode.FAILED, "carry-failed", "carrying dataset version '" + id + "' from live "
                    + "into " + shadow + ".feature_geom failed: " + e.getMessage() + " [SQLSTATE " + e.getSQLState()
                    + "]; its rows were rolled back; rebuild with --full to load every version from its artifacts", e);
        }
    }

    /** The shadow's column list, after checking live's is the same: both are at one migration version. */
    private String columns(PgIdentifier live, PgIdentifier shadow) {
        String sql = new SqlResources("load", null).get("feature_geom_columns");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            String ours = columnsOf(ps, shadow);
            String theirs = columnsOf(ps, live);
            if (ours == null || !ours.equals(theirs)) {
                throw new KfmException(ErrorCode.FAILED, "carry-shape-differs", live + ".feature_geom has columns ("
                        + theirs + ") but " + shadow + ".feature_geom, migrated to the version live records, has ("
                        + ours + "): live was changed outside the migrations; rebuild with --full");
            }
            return ours;
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "carry-failed", "reading the columns of " + live + " and "
                    + shadow + " to carry unchanged versions failed: " + e.getMessage() + " [SQLSTATE "
                    + e.getSQLState() + "]", e);
        }
    }

    private static String columnsOf(PreparedStatement ps, PgIdentifier schema) throws SQLException {
        ps.setString(1, schema.quoted() + ".feature_geom");
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new KfmException(ErrorCode.FAILED, "carry-failed", "carry failed: " + t, t);
    }
}
