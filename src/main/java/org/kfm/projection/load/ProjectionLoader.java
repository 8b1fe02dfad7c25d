package org.kfm.projection.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.kfm.projection.artifact.ArtifactStore;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.feature.FeatureReaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Fills a migrated projection schema from a catalog (DESIGN §2 step 4): per dataset version one
 * {@code dataset_version} row and one binary COPY into {@code feature_geom} per data asset, streaming
 * each artifact through its checksum check and feature reader. Rows are deterministic: every value
 * comes from the catalog or the artifact, none from the clock.
 *
 * <p>Dataset versions are loaded in parallel, each in one transaction on its own connection, at most
 * {@link LoadSettings#parallelism()} at once, largest first; the assets of one dataset version are
 * copied one after the other on its connection. The first failure stops every other worker at its
 * next checkpoint (active COPYs cancelled, transactions rolled back) and is thrown once all of them
 * have let go of their connections. Dataset versions committed before the failure stay: the caller
 * throws the shadow schema away.
 *
 * <p>One big artifact: when the catalog has fewer dataset versions than {@code parallelism}, the spare
 * connections go to the versions with artifacts of {@link LoadSettings#splitMinBytes()} or more
 * ({@link StreamPlan}); such an artifact is parsed on one thread and copied over several COPY streams
 * ({@link SplitCopier}). Never while {@code feature_geom} has a unique index: set the indexes aside.
 *
 * <p>Duplicate feature ids, within one asset or across the assets of one dataset version, are left to
 * the primary key, which {@link ShadowIndexes#recreate} reports as {@code duplicate-feature-id} naming
 * the dataset version and the id.
 */
public final class ProjectionLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionLoader.class);

    private final DataSource dataSource;
    private final ArtifactStore store;
    private final FeatureReaders readers;
    private final LoadSettings settings;
    private final Clock clock;

    public ProjectionLoader(DataSource dataSource, ArtifactStore store, FeatureReaders readers, LoadSettings settings,
            Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.store = Objects.requireNonNull(store, "store");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Loads every item of {@code catalog} into {@code schema}, which must be migrated and hold no rows
     * for these dataset versions. Set its indexes aside first ({@link ShadowIndexes}) for speed.
     *
     * @return one {@link DatasetLoad} per item, in catalog order, with the geometry digests
     * @throws org.kfm.projection.error.BadInputException when an artifact breaks a rule: checksum or size
     *     mismatch, a reader rule, or {@code feature-count-mismatch}
     * @throws LoadCancelledException when {@code listener} cancels
     * @throws KfmException rule {@code copy-failed}, {@code load-failed} or {@code store-error} when the
     *     database or the artifact store fails
     */
    public LoadResult load(PgIdentifier schema, Catalog catalog, LoadListener listener) {
        List<CatalogItem> items = catalog.items();
        long totalBytes = items.stream().flatMap(i -> i.assets().stream()).mapToLong(DataAsset::size).sum();
        int threads = Math.max(1, Math.min(settings.parallelism(), items.size()));
        StreamPlan streams = StreamPlan.of(items, settings, () -> hasUniqueIndex(schema));
        LOG.info("load into {} started: {} dataset version(s), {} bytes, {} connection(s){}", schema, items.size(),
                totalBytes, streams.connections(threads), streams.describe());
        LoadControl control = new LoadControl(listener, clock, settings.progressInterval(), totalBytes, schema);
        Map<String, DatasetLoad> loaded = runAll(schema, largestFirst(items), control, threads, streams);
        Throwable failure = control.failure();
        if (failure != null) {
            LOG.warn("load into {} failed after {} ms: {}", schema, control.elapsed().toMillis(), failure.getMessage());
            throw asUnchecked(failure);
        }
        List<DatasetLoad> datasets = items.stream().map(i -> loaded.get(i.datasetVersionId())).toList();
        control.report();
        LoadResult result = new LoadResult(datasets, control.rows(), control.bytes(), control.elapsed(), threads);
        LOG.info("load into {} complete: {} rows, {} bytes in {} ms ({} rows/s)", schema, result.rows(),
                result.bytes(), result.duration().toMillis(), Math.round(result.rowsPerSecond()));
        return result;
    }

    private static List<CatalogItem> largestFirst(List<CatalogItem> items) {
        Comparator<CatalogItem> bySize = Comparator.comparingLong(
                i -> i.assets().stream().mapToLong(DataAsset::size).sum());
        return items.stream().sorted(bySize.reversed()).toList();
    }

    /** Runs one job per item and waits for every one of them, failed or not. */
    private Map<String, DatasetLoad> runAll(PgIdentifier schema, List<CatalogItem> items, LoadControl control,
            int threads, StreamPlan streams) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory(schema));
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        SqlResources sql = new SqlResources("load", schema);
        String copySql = sql.get("copy_feature_geom");
        try {
            Map<String, Future<DatasetLoad>> futures = new LinkedHashMap<>();
            for (CatalogItem item : items) {
                futures.put(item.datasetVersionId(), pool.submit(() -> job(item, schema, sql, copySql, control, mdc,
                        streams.of(item))));
            }
            return awaitAll(futures, control, schema);
        } finally {
            pool.shutdownNow();
        }
    }

    private DatasetLoad job(CatalogItem item, PgIdentifier schema, SqlResources sql, String copySql,
            LoadControl control, Map<String, String> mdc, int streams) {
        if (mdc != null) {
            MDC.setContextMap(mdc);
        }
        try {
            control.checkContinue(item.assets().get(0).href().toString(), 0, item.datasetVersionId());
            AssetCopier copier = new AssetCopier(store, readers, control, schema, copySql, settings);
            SplitCopier splitter = new SplitCopier(store, readers, control, schema, copySql, settings);
            return new DatasetVersionLoader(dataSource, schema, sql, copier, splitter, streams,
                    settings.splitMinBytes()).load(item);
        } catch (RuntimeException | Error e) {
            control.fail(e);
            return null;
        } finally {
            MDC.clear();
        }
    }

    /**
     * Waits for every job: a failed load returns only after all connections are rolled back and closed,
     * so the caller can drop the schema at once. An interrupt stops the load like a failure.
     */
    private static Map<String, DatasetLoad> awaitAll(Map<String, Future<DatasetLoad>> futures, LoadControl control,
            PgIdentifier schema) {
        Map<String, DatasetLoad> out = new LinkedHashMap<>();
        boolean interrupted = false;
        for (Map.Entry<String, Future<DatasetLoad>> e : futures.entrySet()) {
            while (true) {
                try {
                    out.put(e.getKey(), e.getValue().get());
                    break;
                } catch (InterruptedException ie) {
                    interrupted = true;
                    control.fail(new KfmException(ErrorCode.FAILED, "cancelled", "load into " + schema
                            + " interrupted; its open transactions were rolled back", ie));
                } catch (ExecutionException ee) {
                    control.fail(ee.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    /** Whether {@code feature_geom} has a unique index (its primary key, when not set aside). */
    private boolean hasUniqueIndex(PgIdentifier schema) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(new SqlResources("load", schema)
                        .get("feature_geom_unique_index"))) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "load-failed", "reading the indexes of " + schema
                    + ".feature_geom failed: " + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", e);
        }
    }

    private static RuntimeException asUnchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new KfmException(ErrorCode.FAILED, "load-failed", "load failed: " + t, t);
    }

    private static ThreadFactory threadFactory(PgIdentifier schema) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "kfm-load-" + schema + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
