package org.kfm.projection.diff;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the differing features as one GeoJSON FeatureCollection, streaming: each feature is written
 * as it arrives and nothing is kept. The shape (docs/formats.md, "Diff GeoJSON"):
 * <ul>
 *   <li>{@code geometry}: what a map draws: the new geometry, or the old one for a removed feature;</li>
 *   <li>{@code properties}: {@code kfm:change} ({@code added}, {@code removed}, {@code changed}),
 *       {@code kfm:dataset_version_id}, {@code kfm:feature_id}, {@code kfm:geometry_changed},
 *       {@code kfm:properties_changed}, for styling and filtering;</li>
 *   <li>foreign members {@code kfm:old_geometry}, {@code kfm:new_geometry}, {@code kfm:old_properties},
 *       {@code kfm:new_properties}: both sides as stored, {@code null} where a side has no feature.</li>
 * </ul>
 * Geometry and properties arrive as JSON text rendered by the server and are copied as they are.
 */
public final class GeoJsonChanges implements ChangeSink, AutoCloseable {
    private final JsonGenerator out;
    private long written;

    /** Starts the collection on {@code stream}; {@link #close()} ends it and closes the stream. */
    public GeoJsonChanges(OutputStream stream, String from, String to) throws IOException {
        this.out = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8);
        out.writeStartObject();
        out.writeStringField("type", "FeatureCollection");
        out.writeStringField("kfm:from", from);
        out.writeStringField("kfm:to", to);
        out.writeArrayFieldStart("features");
    }

    @Override
    public void accept(ChangedFeature f) throws IOException {
        out.writeRaw('\n');
        out.writeStartObject();
        out.writeStringField("type", "Feature");
        out.writeStringField("id", f.datasetVersionId() + "/" + f.featureId());
        out.writeFieldName("geometry");
        raw(f.change() == Change.REMOVED ? f.oldGeometry() : f.newGeometry());
        out.writeObjectFieldStart("properties");
        out.writeStringField("kfm:change", f.change().word());
        out.writeStringField("kfm:dataset_version_id", f.datasetVersionId());
        out.writeStringField("kfm:feature_id", f.featureId());
        out.writeBooleanField("kfm:geometry_changed", f.geometryChanged());
        out.writeBooleanField("kfm:properties_changed", f.propertiesChanged());
        out.writeEndObject();
        out.writeFieldName("kfm:old_geometry");
        raw(f.oldGeometry());
        out.writeFieldName("kfm:new_geometry");
        raw(f.newGeometry());
        out.writeFieldName("kfm:old_properties");
        raw(f.oldProperties());
        out.writeFieldName("kfm:new_properties");
        raw(f.newProperties());
        out.writeEndObject();
        written++;
    }

    private void raw(String json) throws IOException {
        if (json == null) {
            out.writeNull();
        } else {
            out.writeRawValue(json);
        }
    }

    /** Features written so far. */
    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        out.writeRaw('\n');
        out.writeEndArray();
        out.writeEndObject();
        out.writeRaw('\n');
        out.close();
    }
}
