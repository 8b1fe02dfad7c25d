package org.kfm.projection.feature;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.kfm.projection.testing.FeatureFiles;

/** Small helpers shared by the reader tests. */
final class FeatureInputs {
    private FeatureInputs() {
    }

    static InputStream resource(String path) {
        InputStream in = FeatureInputs.class.getResourceAsStream("/features/" + path);
        if (in == null) {
            throw new IllegalArgumentException("no test resource /features/" + path);
        }
        return in;
    }

    static InputStream text(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    static ReaderContext ctx(String artifact) {
        return new ReaderContext(artifact, 4326);
    }

    static ReaderContext ctx(String artifact, int epsg, String idProperty) {
        return new ReaderContext(artifact, epsg, 4326, Optional.ofNullable(idProperty));
    }

    static List<Feature> readAll(InputStream in, FeatureFormat format, ReaderContext ctx) {
        return FeatureFiles.readAll(in, format, ctx);
    }

    /** Remembers whether the reader above it read up to end of stream. */
    static final class EofWatcher extends FilterInputStream {
        boolean eofSeen;
        boolean closed;

        EofWatcher(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            eofSeen |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            eofSeen |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
