package org.kfm.projection.load;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/** The loader's failures, each naming the schema, the dataset version or asset, and what to do. */
final class LoadErrors {
    private LoadErrors() {
    }

    /** The server refused a COPY (bad value, lost connection...); keeps SQLSTATE and cause. */
    static KfmException copyFailed(PgIdentifier schema, String href, long features, SQLException e) {
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

    /** Writing the dataset version's row, or committing, failed. */
    static KfmException statementFailed(PgIdentifier schema, String datasetVersionId, String what, SQLException e) {
        return new KfmException(ErrorCode.FAILED, "load-failed", what + " for dataset version '" + datasetVersionId
                + "' in schema " + schema + " failed: " + e.getMessage() + " [SQLSTATE " + e.getSQLState() + "]", e);
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

    /** PostgreSQL text cannot hold NUL, so such an id could never be a row. */
    static BadInputException nulInFeatureId(String href, long index) {
        return new BadInputException("invalid-feature-id", href, "feature " + index,
                "the feature id contains a NUL character (U+0000), which PostgreSQL text cannot store");
    }
}
