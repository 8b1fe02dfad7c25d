package org.kfm.projection.load;

import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * The {@link LoadListener} asked the load to stop. Every open transaction was rolled back and every
 * active COPY cancelled; dataset versions committed before the request stay in the schema, so the
 * caller drops the shadow.
 */
public class LoadCancelledException extends KfmException {
    private final String artifact;
    private final long row;

    public LoadCancelledException(String artifact, long row, String datasetVersionId, String schema) {
        super(ErrorCode.FAILED, "cancelled", "load cancelled at " + artifact + ", feature " + row
                + " (dataset version '" + datasetVersionId + "'): its rows were rolled back; schema " + schema
                + " holds a partial load and must not be swapped in");
        this.artifact = artifact;
        this.row = row;
    }

    /** The asset being copied when the load stopped. */
    public String artifact() {
        return artifact;
    }

    /** Features of that asset read when the load stopped (0-based index of the next one). */
    public long row() {
        return row;
    }
}
