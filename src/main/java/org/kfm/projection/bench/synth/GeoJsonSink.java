package org.kfm.projection.bench.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes features as a GeoJSON FeatureCollection (one feature per line) or as an RFC 8142 sequence (each
 * feature on its own line, prefixed by the record separator 0x1E).
 */
final class GeoJsonSink implements FeatureSink {
    private static final char RS = 0x1E;

    private final JsonGenerator g;
    private final boolean sequence;
    private boolean first = true;

    GeoJsonSink(OutputStream out, JsonFactory factory, boolean sequence) throws IOException {
        this.g = factory.createGenerator(out);
        this.sequence = sequence;
        if (!sequence) {
            g.writeRaw("{\"type\":\"FeatureCollection\",\"features\":[\n");
        }
    }

    @Override
    public void write(SyntheticFeature f) throws IOException {
        if (sequence) {
            g.writeRaw(RS);
        } else if (!first) {
            g.writeRaw(",\n");
        }
        first = false;
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("id", f.id());
        g.writeFieldName("geometry");
        geometry(f.geometry());
        g.writeObjectFieldStart("properties");
        g.writeStringField("name", f.name());
        g.writeStringField("category", f.category());
        g.writeNumberField("value", f.value());
        g.writeNumberField("rank", f.rank());
        g.writeBooleanField("active", f.active());
        g.writeEndObject();
        g.writeEndObject();
        if (sequence) {
            g.writeRaw('\n');
        }
    }

    private void geometry(Geometry geom) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", geom.getGeometryType());
        g.writeFieldName("coordinates");
        coordinates(geom);
        g.writeEndObject();
    }

    private void coordinates(Geometry geom) throws IOException {
        if (geom instanceof Point p) {
            position(p.getCoordinateSequence(), 0);
        } else if (geom instanceof LineString l) {
            positions(l.getCoordinateSequence());
        } else if (geom instanceof Polygon p) {
            g.writeStartArray();
            positions(p.getExteriorRing().getCoordinateSequence());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                positions(p.getInteriorRingN(i).getCoordinateSequence());
            }
            g.writeEndArray();
        } else {
            g.writeStartArray();
            for (int i = 0; i < geom.getNumGeometries(); i++) {
                coordinates(geom.getGeometryN(i));
            }
            g.writeEndArray();
        }
    }

    private void positions(CoordinateSequence seq) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < seq.size(); i++) {
            position(seq, i);
        }
        g.writeEndArray();
    }

    private void position(CoordinateSequence seq, int i) throws IOException {
        g.writeStartArray();
        g.writeNumber(seq.getX(i));
        g.writeNumber(seq.getY(i));
        g.writeEndArray();
    }

    @Override
    public void close() throws IOException {
        if (!sequence) {
            g.writeRaw("\n]}\n");
        }
        g.close();
    }
}
