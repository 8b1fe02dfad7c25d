package org.kfm.projection.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.kfm.projection.artifact.ArtifactStore;
import org.kfm.projection.artifact.VerifyingInputStream;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.feature.Feature;
import org.kfm.projection.feature.FeatureReader;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.feature.ReaderContext;
import org.slf4j.MDC;

/**
 * Copies one data asset over several COPY streams (docs/loader.md, "One big artifact"): the calling
 * thread reads and parses the artifact, as {@link AssetCopier} does, and hands batches of features to
 * one {@link CopyStreamWorker} per connection, which encodes and sends them. Works for every format,
 * since the split happens after parsing. Rows are the same whatever the number of streams (every value
 * comes from the item, the asset and the feature); only their physical order in the table differs.
 *
 * <p>The streams finish their COPYs only after the artifact's size and checksum verified; on any
 * failure every COPY is cancelled and this method returns only once every worker has let go of its
 * connection. Committing (or rolling back) the connections is the caller's.
 */
final class SplitCopier {
    /** A batch closes at this many features or this many artifact bytes, whichever comes first. */
    static final int BATCH_FEATURES = 256;
    static final long BATCH_BYTES = 256 * 1024;

    private final ArtifactStore store;
    private final FeatureReaders readers;
    private final LoadControl control;
    private final PgIdentifier schema;
    private final String copySql;
    private final LoadSettings settings;

    SplitCopier(ArtifactStore store, FeatureReaders readers, LoadControl control, PgIdentifier schema, String copySql,
            LoadSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.control = Objects.requireNonNull(control, "control");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.copySql = Objects.requireNonNull(copySql, "copySql");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Copies {@code asset} on {@code connections}, one COPY each, inside their transactions. The
     * geometry digest and ring closures are those {@link AssetCopier} would compute.
     */
    AssetCopier.Copied copy(List<Connection> connections, CatalogItem item, DataAsset asset, GeometryDigest digest,
            RingClosures closures) {
        String href = asset.href().toString();
        control.checkContinue(href, 0, item.datasetVersionId());
        control.assetStarted(href);
        FeatureHandoff handoff = new FeatureHandoff(connections.size());
        ExecutorService pool = Executors.newFixedThreadPool(connections.size(), threads(Thread.currentThread()));
        List<Future<CopyStreamWorker.Result>> streams = new ArrayList<>();
        boolean done = false;
        try {
            for (Connection c : connections) {
                streams.add(pool.submit(new CopyStreamWorker(c, handoff, control, schema, copySql, item, asset)));
            }
            AssetLoad load = read(handoff, item, asset, closures, connections.size());
            long rows = 0;
            GeometryDigest streamed = new GeometryDigest();
            for (Future<CopyStreamWorker.Result> f : streams) {
                CopyStreamWorker.Result r = await(f);
                rows += r.rows();
                streamed.merge(r.digest());
            }
            if (rows != load.features()) {
                throw new IllegalStateException("the COPY streams of " + href + " stored " + rows + " rows for "
                        + load.features() + " features read");
            }
            digest.merge(streamed);
            done = true;
            return new AssetCopier.Copied(load, rows);
        } catch (RuntimeException | Error e) {
            // the first error of this asset becomes the load's before the workers' own stops are recorded
            control.fail(e);
            throw e;
        } finally {
            if (!done) {
                handoff.stop();
                streams.forEach(SplitCopier::awaitQuietly);
            }
            pool.shutdownNow();
            control.assetFinished(href);
        }
    }

    /** The reader's side: parse, batch, hand off; {@link FeatureHandoff#END} once the artifact verified. */
    private AssetLoad read(FeatureHandoff handoff, CatalogItem item, DataAsset asset, RingClosures closures,
            int workers) {
        String href = asset.href().toString();
        String id = item.datasetVersionId();
        ReaderContext ctx = new ReaderContext(href, item.sourceEpsg(), settings.targetSrid(), item.featureIdProperty())
                .withUnclosedRings(settings.unclosedRings());
        String evidence = RowEncoder.evidencePrefix(item, asset);
        VerifyingInputStream in = store.openVerified(asset.href(), asset.checksum(), asset.size());
        long features = 0;
        long reportedFeatures = 0;
        long reportedBytes = 0;
        try (VerifyingInputStream owned = in;
                FeatureReader reader = readers.open(new AssetCopier.CloseShield(in), asset.format(), ctx)) {
            List<Feature> batch = new ArrayList<>(BATCH_FEATURES);
            long batchStartBytes = 0;
            for (Feature f = AssetCopier.next(reader, in); f != null; f = AssetCopier.next(reader, in)) {
                if (f.closedRings() > 0) {
                    closures.add(f.id(), evidence + f.index(), f.closedRings());
                }
                batch.add(f);
                features++;
                if (batch.size() == BATCH_FEATURES || in.bytesRead() - batchStartBytes >= BATCH_BYTES) {
                    long at = features;
                    handoff.put(new FeatureHandoff.Batch(f.index() - batch.size() + 1, batch),
                            () -> control.checkContinue(href, at, id));
                    batch = new ArrayList<>(BATCH_FEATURES);
                    batchStartBytes = in.bytesRead();
                }
                if (features % settings.blockRows() == 0) {
                    control.checkpoint(href, features, id, features - reportedFeatures, in.bytesRead() - reportedBytes);
                    reportedFeatures = features;
                    reportedBytes = in.bytesRead();
                }
            }
            // Readers stop at the logical end; the bytes after it still count towards the checksum.
            in.drainAndVerify();
            long at = features;
            if (!batch.isEmpty()) {
                handoff.put(new FeatureHandoff.Batch(features - batch.size(), batch),
                        () -> control.checkContinue(href, at, id));
            }
            control.checkpoint(href, features, id, features - reportedFeatures, in.bytesRead() - reportedBytes);
            for (int i = 0; i < workers; i++) {
                handoff.put(FeatureHandoff.END, () -> control.checkContinue(href, at, id));
            }
            return new AssetLoad(asset.key(), href, asset.checksum(), in.bytesRead(), features);
        } catch (IOException e) {
            throw LoadErrors.readFailed(href, e);
        } catch (UncheckedIOException e) {
            throw LoadErrors.readFailed(href, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KfmException(ErrorCode.FAILED, "cancelled", "load of " + href + " interrupted", e);
        }
    }

    private static CopyStreamWorker.Result await(Future<CopyStreamWorker.Result> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a COPY stream failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KfmException(ErrorCode.FAILED, "cancelled", "load interrupted while waiting for its COPY "
                    + "streams", e);
        }
    }

    /** Waits until a worker has returned (its COPY cancelled); its error is already in the load control. */
    private static void awaitQuietly(Future<CopyStreamWorker.Result> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads named after the dataset version's worker, with its MDC (run id, phase). */
    private static ThreadFactory threads(Thread parent) {
        AtomicInteger n = new AtomicInteger();
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        return r -> {
            Runnable withMdc = () -> {
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                r.run();
            };
            Thread t = new Thread(withMdc, parent.getName() + "-stream-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
