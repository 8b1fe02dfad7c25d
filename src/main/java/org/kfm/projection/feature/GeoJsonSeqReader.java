package org.kfm.projection.feature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Streams newline-delimited GeoJSON: RFC 8142 GeoJSON text sequences (each Feature preceded by the record
 * separator 0x1E, possibly spanning lines) and plain NDJSON (one Feature per line). Blank lines are allowed.
 * One Jackson parser reads the whole stream with record separators seen as whitespace, so line and column
 * numbers in errors are those of the file, and nothing is buffered per record. Without any record separator
 * (plain NDJSON) a second feature on the same line is refused.
 */
final class GeoJsonSeqReader implements FeatureReader {
    private static final int RS = 0x1E;

    private final RecordSeparators in;
    private final JsonParser parser;
    private final FeatureSite site;
    private final GeoJsonFeatureParser features;
    private long position;
    private long lastEndLine;
    private boolean done;

    GeoJsonSeqReader(InputStream in, JsonFactory factory, ReaderContext ctx, GeometryTransformer transformer) {
        this.site = new FeatureSite(ctx.artifact());
        this.in = new RecordSeparators(in);
        RawCapture raw = new RawCapture(this.in);
        try {
            this.parser = factory.createParser(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.features = new GeoJsonFeatureParser(factory, ctx, site, transformer, raw);
    }

    @Override
    public Feature next() {
        if (done) {
            return null;
        }
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                done = true;
                return null;
            }
            JsonLocation start = parser.currentTokenLocation();
            if (t != JsonToken.START_OBJECT) {
                throw site.at(FeatureRules.MALFORMED_GEOJSON, start, "expected a Feature object but found "
                        + GeoJsonGeometryParser.describe(t) + "; each text of a GeoJSON sequence is one Feature");
            }
            if (!in.separatorSeen && start.getLineNr() == lastEndLine) {
                throw site.at(FeatureRules.TRAILING_CONTENT, start, "a second JSON text starts on the line where "
                        + "feature " + (position - 1) + " ended; newline-delimited GeoJSON has one feature per line");
            }
            Feature feature = features.parse(parser, position++);
            lastEndLine = parser.currentLocation().getLineNr();
            return feature;
        } catch (JsonProcessingException e) {
            // a stream constraint (nesting depth...) carries no location: the parser's is where it stopped
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            throw site.at(FeatureRules.MALFORMED_JSON, at, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (a truncated record?)" : ""), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + site.artifact() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Turns RFC 8142 record separators into spaces for the JSON parser, remembering that it saw one. */
    private static final class RecordSeparators extends FilterInputStream {
        private boolean separatorSeen;

        RecordSeparators(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b == RS) {
                separatorSeen = true;
                return ' ';
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            for (int i = off; i < off + n; i++) {
                if (b[i] == RS) {
                    b[i] = ' ';
                    separatorSeen = true;
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Read rather than skip, so a checksum-verifying stream underneath sees every byte.
            return in.readNBytes((int) Math.min(n, 8192)).length;
        }
    }
}
