package org.kfm.projection.feature;

import java.io.Closeable;

/**
 * Streams the features of one artifact, one at a time; an implementation never holds the whole file.
 * Not thread-safe. Closing the reader closes the input stream it was opened on.
 */
public interface FeatureReader extends Closeable {
    /**
     * Reads the next feature.
     *
     * @return the next feature, or {@code null} at the end. When {@code null} is returned the input has
     *     been consumed to its end, so a checksum-verifying stream underneath has seen EOF.
     * @throws org.kfm.projection.error.BadInputException when the artifact breaks a rule (see
     *     {@link FeatureRules}); the message names the artifact, the position and the rule
     * @throws java.io.UncheckedIOException when reading the underlying stream fails
     */
    Feature next();

    /** How many features {@link #next()} has returned so far (the index the next feature will have). */
    long position();
}
