package org.kfm.projection.bench.synth;

import java.io.Closeable;
import java.io.IOException;

/** Writes generated features to one artifact, streaming. */
interface FeatureSink extends Closeable {
    void write(SyntheticFeature feature) throws IOException;
}
