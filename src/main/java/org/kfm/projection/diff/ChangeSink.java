package org.kfm.projection.diff;

import java.io.IOException;

/** Receives every differing feature, in order of dataset version and feature id, as it streams. */
public interface ChangeSink {
    /**
     * @throws IOException when the feature cannot be written; the diff stops and reports it
     */
    void accept(ChangedFeature feature) throws IOException;
}
