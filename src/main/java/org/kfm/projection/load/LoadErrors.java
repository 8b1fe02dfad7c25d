package org.kfm.projection.load;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.postgresql.util.PSQLException;

/** The loader's failures, each naming the schema, the dataset version or asset, and what to do. */
final class LoadErrors {
    private LoadErrors() {
    }

    /**
     * SQLSTATEs a COPY gets because of a value the artifact holds, not because of the server or the
     * encoder: data exceptions (a cast or check over a property, text the server cannot store, a number
     * out of range) and check or not-null violations of the projection's own constraints. Not 22P03
     * (invalid binary representation) nor 22P04 (bad COPY format): those would be the encoder's fault.
     */
    static final Set<String> CONTENT_STATES = Set.of("22P02", "22P05", "22021", "22023", "22003", "22001", "22007",
            "22008", "22004", "23502", "23514");
    /**
     * disk_full: the server could not extend a relation, write WAL-less temp files of a sort, or a
     * spill file (PostgreSQL maps ENOSPC to it). Not 53000/53200: insufficient_resources is not
     * raised on its own and out_of_memory is memory, and a message saying "disk" would mislead.
     */
    static final String DISK_FULL = "53100";
    private static final Pattern COPY_ROW = Pattern.compile("COPY [^,]+, line (\\d+)(?:, column ([^:\\s]+))?");

    /** The server refused a COPY (bad value, lost connection...); keeps SQLSTATE and cause. */
    static KfmException copyFailed(PgIdentifier schema, String href, long features, SQLException e) {
        return copyFailed(schema, href, features, e, line -> line - 1);
    }

    /**
     * As above, for a COPY stream that carries only some of the asset's features: {@code lineToFeature}
     * maps the server's 1-based row number in this stream to the feature's index in the asset.
     */
    static KfmException copyFailed(PgIdentifier schema, String href, long features, SQLException e,
            LongUnaryOperator lineToFeature) {
        if (DISK_FULL.equals(e.getSQLState())) {
            return diskFull("COPY of " + href + " into " + schema + ".feature_geom (after " + features
                    + " feature(s) were sent; the dataset version's rows were rolled back)", e);
        }
        if (CONTENT_STATES.contains(e.getSQLState())) {
            return valueRejected(schema, href, features, e, lineToFeature);
        }
        if (DuplicateKeys.UNIQUE_VIOLATION.equals(e.getSQLState())) {
            // only when the primary key was left in place during the load (ShadowIndexes not used)
            return new BadInputException("duplicate-feature-id", href, "feature " + features + " or earlier",
                    "a feature id repeats one already loaded for this dataset version: " + e.getMessage()
                            + "; feature ids must be unique across all data assets of a dataset version", e);
        }
        return new KfmException(ErrorCode.FAILED, "copy-failed", "COPY of " + href + " into " + schema
                + ".feature_geom failed after " + features + " feature(s) were sent: " + e.getMessage()
                + " [SQLSTATE " + e.getSQLState() + "]; the dataset version's rows were rolled back", e);
    }

    /**
     * A value of the artifact the server refused: bad input (exit 5), never {@code copy-failed}. The
     * server names the COPY row (1-based, one row per feature in artifact order) and column when it can.
     */
    private static BadInputException valueRejected(PgIdentifier schema, String href, long features, SQLException e,
            LongUnaryOperator lineToFeature) {
        String where = e instanceof PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getWhere() : null;
        Matcher m = where == null ? null : COPY_ROW.matcher(where);
        String position = "feature " + features + " or earlier";
        if (m != null && m.find()) {
            long feature = lineToFeature.applyAsLong(Long.parseLong(m.group(1)));
            position = "feature " + feature + (m.group(2) == null ? "" : ", column " + m.group(2));
        }
        return new BadInputException("value-rejected", href, position, "the database refused a value of this "
                + "artifact while copying it into " + schema + ".feature_geom: " + e.getMessage() + " [SQLSTATE "
                + e.getSQLState() + "]; the dataset version's rows were rolled back; fix the value upstream and "
                + "promote a new version", e);
    }

    /** Writing the dataset version's row, or committing, failed. */
    static KfmException statementFailed(PgIdentifier schema, String datasetVersionId, String what, SQLException e) {
        if (DISK_FULL.equals(e.getSQLState())) {
            return diskFull(what + " for dataset version '" + datasetVersionId + "' in schema " + schema, e);
        }
        return new KfmException(ErrorCode.FAILED, "load-failed", what + " for dataset version '" + datasetVersionId
                + "' in schema " + schema + " failed: " + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", e);
    }

    /**
     * The database server ran out of disk while {@code what} wrote the shadow (rule {@code disk-full},
     * {@code INSUFFICIENT_SPACE}, exit 6); keeps SQLSTATE and cause. Callers add what became of live.
     */
    static KfmException diskFull(String what, SQLException e) {
        return new KfmException(ErrorCode.INSUFFICIENT_SPACE, "disk-full", "the database server ran out of disk "
                + "space: " + what + " failed: " + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]. Free disk "
                + "on the server (kfm-projection prune drops the previous generation and retired ones, or rebuild "
                + "with --prune-before-load), or give the database more; set kfm.load.max-shadow-bytes to what "
                + "the disk can spare so that the next rebuild too large for it is refused before it writes", e);
    }

    /** The artifact could not be read (store or network failure, not a content problem). */
    static KfmException readFailed(String href, IOException e) {
        return new KfmException(ErrorCode.FAILED, "store-error", href + ": store-error: reading the artifact failed: "
                + e, e);
    }

    /** The item declares another feature count than its assets hold (parity rule 1, checked while loading). */
    static BadInputException featureCountMismatch(CatalogItem item, List<AssetLoad> assets, long read) {
        String perAsset = assets.stream().map(a -> a.key() + ": " + a.features())
                .collect(Collectors.joining(", "));
        return new BadInputException("feature-count-mismatch", item.href().toString(), "/properties/kfm:feature_count",
                "item '" + item.id() + "' (dataset version '" + item.datasetVersionId() + "') declares "
                        + item.declaredFeatureCount() + " features, its data assets hold " + read + " (" + perAsset
                        + "); correct the item or the artifacts and promote a new dataset version");
    }

    /**
     * The artifact's bytes do not match the catalog and reading it had failed before its end: the
     * corruption is the cause, the reader's error a consequence, kept as the secondary detail.
     */
    static BadInputException corrupted(BadInputException mismatch, RuntimeException readError) {
        BadInputException e = new BadInputException(mismatch.rule(), mismatch.artifact(), mismatch.position(),
                mismatch.detail() + "; reading it had already failed: " + readError.getMessage(), mismatch);
        e.addSuppressed(readError);
        return e;
    }

    /** PostgreSQL text cannot hold NUL, so such an id could never be a row. */
    static BadInputException nulInFeatureId(String href, long index) {
        return new BadInputException("invalid-feature-id", href, "feature " + index,
                "the feature id contains a NUL character (U+0000), which PostgreSQL text cannot store");
    }
}
