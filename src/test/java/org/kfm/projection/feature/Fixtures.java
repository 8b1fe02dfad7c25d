package org.kfm.projection.feature;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small helpers shared by the reader tests. */
final class Fixtures {
    private Fixtures() {
    }

    static InputStream resource(String path) {
        InputStream in = Fixtures.class.getResourceAsStream("/features/" + path);
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
        List<Feature> out = new ArrayList<>();
        try (FeatureReader reader = new FeatureReaders().open(in, format, ctx)) {
            Feature f;
            while ((f = reader.next()) != null) {
                out.add(f);
            }
            if (reader.position() != out.size()) {
                throw new AssertionError("position " + reader.position() + " != " + out.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
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
