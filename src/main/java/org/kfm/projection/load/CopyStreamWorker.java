package org.kfm.projection.load;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.feature.EwkbWriter;
import org.kfm.projection.feature.Feature;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * One COPY stream of a split artifact: takes batches from the {@link FeatureHandoff}, encodes them
 * ({@link RowEncoder}: EWKB, digest, binary row) and sends them on its own connection, inside that
 * connection's transaction. It ends its COPY only when the reader hands it {@link FeatureHandoff#END},
 * i.e. after the artifact verified. Any failure is recorded in {@link LoadControl} and stops the
 * hand-off, and the COPY is cancelled before the worker returns, so the connection can roll back.
 */
final class CopyStreamWorker implements Callable<CopyStreamWorker.Result> {
    /** What this stream stored, with the digest of its rows (merged by the caller). */
    record Result(long rows, GeometryDigest digest) {
    }

    private final Connection connection;
    private final FeatureHandoff handoff;
    private final LoadControl control;
    private final PgIdentifier schema;
    private final String copySql;
    private final CatalogItem item;
    private final DataAsset asset;
    private final Ranges sent = new Ranges();

    CopyStreamWorker(Connection connection, FeatureHandoff handoff, LoadControl control, PgIdentifier schema,
            String copySql, CatalogItem item, DataAsset asset) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.handoff = Objects.requireNonNull(handoff, "handoff");
        this.control = Objects.requireNonNull(control, "control");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.copySql = Objects.requireNonNull(copySql, "copySql");
        this.item = Objects.requireNonNull(item, "item");
        this.asset = Objects.requireNonNull(asset, "asset");
    }

    @Override
    public Result call() throws InterruptedException {
        PGCopyOutputStream out = null;
        Throwable failure = null;
        try {
            out = new PGCopyOutputStream(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql),
                    AssetCopier.COPY_BUFFER);
            GeometryDigest digest = new GeometryDigest();
            RowEncoder encoder = new RowEncoder(new BinaryCopyWriter(out), new EwkbWriter(), item, asset);
            encoder.header();
            for (FeatureHandoff.Batch b = handoff.take(); b != FeatureHandoff.END; b = handoff.take()) {
                sent.add(b.first(), b.features().size());
                for (Feature f : b.features()) {
                    encoder.write(f, digest);
                }
            }
            encoder.trailer();
            long rows = out.endCopy();
            if (rows != sent.total()) {
                throw new IllegalStateException("a COPY stream of " + asset.href() + " stored " + rows
                        + " rows for " + sent.total() + " features sent");
            }
            return new Result(rows, digest);
        } catch (SQLException e) {
            failure = translate(e);
        } catch (IOException e) {
            failure = e.getCause() instanceof SQLException sql ? translate(sql)
                    : new IllegalStateException("writing to a COPY stream failed", e);
        } catch (RuntimeException | Error | InterruptedException e) {
            failure = e;
        } finally {
            if (failure != null) {
                control.fail(failure);
                handoff.stop();
                if (out != null) {
                    AssetCopier.cancelIfActive(out, failure);
                }
            }
        }
        throw asUnchecked(failure);
    }

    private RuntimeException translate(SQLException e) {
        return LoadErrors.copyFailed(schema, asset.href().toString(), sent.last() + 1, e, sent::featureOfLine);
    }

    private static RuntimeException asUnchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new LoadControl.Aborted();
    }

    /**
     * The runs of feature indexes this stream sent, in order: maps the server's row number back to the
     * feature (one pair per batch, a few hundred KiB for ten million features in 256-feature batches).
     */
    static final class Ranges {
        private long[] pairs = new long[64];
        private int size;
        private long total;

        void add(long first, int count) {
            if (size + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[size++] = first;
            pairs[size++] = count;
            total += count;
        }

        long total() {
            return total;
        }

        /** Index of the last feature sent, -1 before the first. */
        long last() {
            return size == 0 ? -1 : pairs[size - 2] + pairs[size - 1] - 1;
        }

        /** The asset's index of this stream's row {@code line} (1-based). */
        long featureOfLine(long line) {
            long row = line - 1;
            for (int i = 0; i < size; i += 2) {
                if (row < pairs[i + 1]) {
                    return pairs[i] + row;
                }
                row -= pairs[i + 1];
            }
            return last() + 1 + row;
        }
    }
}
