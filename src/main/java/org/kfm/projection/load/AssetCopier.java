package org.kfm.projection.load;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.kfm.projection.artifact.ArtifactStore;
import org.kfm.projection.artifact.VerifyingInputStream;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.feature.EwkbWriter;
import org.kfm.projection.feature.Feature;
import org.kfm.projection.feature.FeatureReader;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.feature.ReaderContext;
import org.kfm.projection.feature.UnclosedRingPolicy;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams one data asset into {@code feature_geom} with one binary COPY: verified bytes → feature
 * reader → row encoder → {@code PGCopyOutputStream}, adding every row to the dataset version's
 * geometry digest on the way. One instance per worker thread (the EWKB writer is not thread-safe).
 */
final class AssetCopier {
    /** Rows leave for the server in chunks of this size (pgjdbc's default). */
    static final int COPY_BUFFER = 64 * 1024;

    /** One asset's outcome: what was read and what the server says it stored. */
    record Copied(AssetLoad asset, long rows) {
    }

    private final ArtifactStore store;
    private final FeatureReaders readers;
    private final LoadControl control;
    private final PgIdentifier schema;
    private final String copySql;
    private final int targetSrid;
    private final int blockRows;
    private final UnclosedRingPolicy unclosedRings;
    private final EwkbWriter ewkb = new EwkbWriter();

    AssetCopier(ArtifactStore store, FeatureReaders readers, LoadControl control, PgIdentifier schema, String copySql,
            LoadSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.control = Objects.requireNonNull(control, "control");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.copySql = Objects.requireNonNull(copySql, "copySql");
        this.targetSrid = settings.targetSrid();
        this.blockRows = settings.blockRows();
        this.unclosedRings = settings.unclosedRings();
    }

    /**
     * Copies {@code asset} on {@code connection}, inside the caller's transaction. On any failure the
     * COPY is cancelled before the exception leaves, so the connection is usable for the rollback.
     */
    Copied copy(Connection connection, CatalogItem item, DataAsset asset, GeometryDigest digest,
            RingClosures closures) {
        String href = asset.href().toString();
        control.checkContinue(href, 0, item.datasetVersionId());
        control.assetStarted(href);
        Cursor cursor = new Cursor(item, asset);
        PGCopyOutputStream out = null;
        Throwable failure = null;
        try {
            out = new PGCopyOutputStream(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql),
                    COPY_BUFFER);
            AssetLoad load = stream(out, cursor, digest, closures);
            long rows = out.endCopy();
            if (rows != load.features()) {
                throw new IllegalStateException("COPY of " + href + " stored " + rows + " rows for "
                        + load.features() + " features sent");
            }
            return new Copied(load, rows);
        } catch (SQLException e) {
            KfmException translated = LoadErrors.copyFailed(schema, href, cursor.features, e);
            failure = translated;
            throw translated;
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (out != null) {
                cancelIfActive(out, failure);
            }
            control.assetFinished(href);
        }
    }

    /** Where the copy of one asset is: what the error messages and checkpoints name. */
    private static final class Cursor {
        final CatalogItem item;
        final DataAsset asset;
        final String href;
        long features;
        long reportedFeatures;
        long reportedBytes;

        Cursor(CatalogItem item, DataAsset asset) {
            this.item = item;
            this.asset = asset;
            this.href = asset.href().toString();
        }
    }

    private AssetLoad stream(PGCopyOutputStream out, Cursor cursor, GeometryDigest digest, RingClosures closures)
            throws SQLException {
        CatalogItem item = cursor.item;
        DataAsset asset = cursor.asset;
        VerifyingInputStream in = store.openVerified(asset.href(), asset.checksum(), asset.size());
        // Duplicate ids, within this asset or across the version's assets, are the primary key's to find
        // (ShadowIndexes names them with their evidence_ref): no id set in memory, so no size limit.
        ReaderContext ctx = new ReaderContext(cursor.href, item.sourceEpsg(), targetSrid, item.featureIdProperty()).withUnclosedRings(unclosedRings);
        // Jackson closes its source at end of input; the shield keeps the stream open for drainAndVerify.
        try (VerifyingInputStream owned = in;
                FeatureReader reader = readers.open(new CloseShield(in), asset.format(), ctx)) {
            RowEncoder encoder = new RowEncoder(new BinaryCopyWriter(out), ewkb, item, asset);
            String evidence = RowEncoder.evidencePrefix(item, asset);
            encoder.header();
            for (Feature f = next(reader, in); f != null; f = next(reader, in)) {
                encoder.write(f, digest);
                if (f.closedRings() > 0) {
                    closures.add(f.id(), evidence + f.index(), f.closedRings());
                }
                if (++cursor.features % blockRows == 0) {
                    checkpoint(cursor, in);
                }
            }
            // Readers stop at the logical end; the bytes after it still count towards the checksum.
            in.drainAndVerify();
            encoder.trailer();
            checkpoint(cursor, in);
            return new AssetLoad(asset.key(), cursor.href, asset.checksum(), in.bytesRead(), cursor.features);
        } catch (IOException e) {
            throw unwrap(e, cursor);
        } catch (UncheckedIOException e) {
            throw unwrap(e.getCause(), cursor);
        }
    }

    /**
     * The reader's next feature. When the reader refuses the artifact, the rest of it is read and
     * verified first: bytes that differ from the catalog's checksum are the real cause (a parser stops
     * at the first damage it meets), reported as such with the reader's error as the secondary detail.
     */
    static Feature next(FeatureReader reader, VerifyingInputStream in) {
        try {
            return reader.next();
        } catch (BadInputException readError) {
            try {
                in.drainAndVerify();
            } catch (BadInputException mismatch) {
                // the same exception when the reader had itself run into the end and the failed check
                throw mismatch == readError ? readError : LoadErrors.corrupted(mismatch, readError);
            } catch (IOException | RuntimeException verifying) {
                readError.addSuppressed(verifying);
            }
            throw readError;
        }
    }

    /** Passes everything through but {@code close()}, which the owner of the stream calls itself. */
    static final class CloseShield extends FilterInputStream {
        CloseShield(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
            // the copier closes the underlying stream after verifying it
        }
    }

    private void checkpoint(Cursor cursor, VerifyingInputStream in) {
        long bytes = in.bytesRead();
        control.checkpoint(cursor.href, cursor.features, cursor.item.datasetVersionId(),
                cursor.features - cursor.reportedFeatures, bytes - cursor.reportedBytes);
        cursor.reportedFeatures = cursor.features;
        cursor.reportedBytes = bytes;
    }

    /** PGCopyOutputStream reports the server's refusal as an IOException caused by an SQLException. */
    private RuntimeException unwrap(IOException e, Cursor cursor) throws SQLException {
        if (e.getCause() instanceof SQLException sql) {
            throw sql;
        }
        return LoadErrors.readFailed(cursor.href, e);
    }

    /** pgjdbc: an active COPY left behind keeps the connection locked; cancel it, never losing the first error. */
    static void cancelIfActive(PGCopyOutputStream out, Throwable failure) {
        if (!out.isActive()) {
            return;
        }
        try {
            out.cancelCopy();
        } catch (SQLException | RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                throw new IllegalStateException("cancelling an unfinished COPY failed", e);
            }
        }
    }
}
