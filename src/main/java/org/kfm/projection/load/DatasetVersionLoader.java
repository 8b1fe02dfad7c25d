package org.kfm.projection.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.kfm.projection.catalog.Bbox;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one dataset version in one transaction on one connection: its {@code dataset_version} row,
 * then each data asset in key order through {@link AssetCopier}, then the feature-count check, then
 * commit. A failure anywhere rolls the whole dataset version back.
 *
 * <p>Given more than one stream, an asset of {@link LoadSettings#splitMinBytes()} or more goes through
 * {@link SplitCopier} on this connection plus {@code streams - 1} others ({@link StreamConnections}),
 * which commit just before this one and roll back with it.
 */
final class DatasetVersionLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetVersionLoader.class);

    private final DataSource dataSource;
    private final PgIdentifier schema;
    private final SqlResources sql;
    private final AssetCopier copier;
    private final SplitCopier splitter;
    private final int streams;
    private final long splitMinBytes;

    DatasetVersionLoader(DataSource dataSource, PgIdentifier schema, SqlResources sql, AssetCopier copier,
            SplitCopier splitter, int streams, long splitMinBytes) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.sql = Objects.requireNonNull(sql, "sql");
        this.copier = Objects.requireNonNull(copier, "copier");
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.streams = streams;
        this.splitMinBytes = splitMinBytes;
    }

    DatasetLoad load(CatalogItem item) {
        long t0 = System.nanoTime();
        String id = item.datasetVersionId();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            StreamConnections extra = new StreamConnections(dataSource);
            DatasetLoad loaded;
            try {
                loaded = loadIn(c, extra, item);
                extra.commit();
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                extra.close(e);
                rollback(c, e);
                throw e;
            }
            extra.close(null);
            LOG.debug("dataset version {} loaded: {} rows from {} asset(s) in {} ms", id, loaded.rowsCopied(),
                    loaded.assets().size(), (System.nanoTime() - t0) / 1_000_000);
            return loaded;
        } catch (SQLException e) {
            throw LoadErrors.statementFailed(schema, id, "connecting, writing the dataset_version row or committing", e);
        }
    }

    private DatasetLoad loadIn(Connection c, StreamConnections extra, CatalogItem item) throws SQLException {
        insertRow(c, sql, item);
        GeometryDigest digest = new GeometryDigest();
        RingClosures closures = new RingClosures();
        List<AssetLoad> assets = new ArrayList<>();
        long read = 0;
        long copied = 0;
        for (DataAsset asset : item.assets()) {
            AssetCopier.Copied done = streams > 1 && asset.size() >= splitMinBytes
                    ? splitter.copy(extra.with(c, streams - 1), item, asset, digest, closures)
                    : copier.copy(c, item, asset, digest, closures);
            assets.add(done.asset());
            read += done.asset().features();
            copied += done.rows();
        }
        if (read != item.declaredFeatureCount()) {
            throw LoadErrors.featureCountMismatch(item, assets, read);
        }
        return new DatasetLoad(item.datasetVersionId(), item.declaredFeatureCount(), read, copied, digest.value(),
                assets, closures.count(), closures.listed());
    }

    /** The item's {@code dataset_version} row, from the catalog (also written for a carried version). */
    static void insertRow(Connection c, SqlResources sql, CatalogItem item) throws SQLException {
        Bbox b = item.bbox();
        try (PreparedStatement ps = c.prepareStatement(sql.get("insert_dataset_version"))) {
            ps.setString(1, item.datasetVersionId());
            ps.setString(2, item.datasetId());
            ps.setString(3, item.id());
            ps.setString(4, item.collectionId());
            ps.setLong(5, item.declaredFeatureCount());
            ps.setInt(6, item.sourceEpsg());
            ps.setArray(7, c.createArrayOf("float8", new Double[] {b.minX(), b.minY(), b.maxX(), b.maxY()}));
            ps.setArray(8, textArray(c, item.assets().stream().map(a -> a.href().toString()).toList()));
            ps.setArray(9, textArray(c, item.assets().stream().map(DataAsset::checksum).toList()));
            // the same rounding as the COPY's updated_at, so both columns hold the same instant
            ps.setObject(10, OffsetDateTime.ofInstant(BinaryCopyWriter.roundToMicros(item.promotedAt()), ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(String[]::new));
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
