package org.kfm.projection.bench.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * Writes the STAC 1.0 catalog, collection and item documents of a generated catalog, with the field contract
 * of DESIGN §4 ({@code kfm:*}, {@code proj:epsg}, {@code file:checksum}, {@code file:size}). Pretty-printed
 * with a fixed printer and fixed member order, so the same inputs give the same bytes.
 */
final class StacDocuments {
    static final String PROJECTION_EXTENSION = "https://stac-extensions.github.io/projection/v1.1.0/schema.json";
    static final String FILE_EXTENSION = "https://stac-extensions.github.io/file/v2.1.0/schema.json";

    private final JsonFactory factory;

    StacDocuments(JsonFactory factory) {
        this.factory = factory;
    }

    void catalog(Path file, String id, String description, String collectionHref) throws IOException {
        try (JsonGenerator g = open(file)) {
            g.writeStartObject();
            g.writeStringField("type", "Catalog");
            g.writeStringField("stac_version", "1.0.0");
            g.writeStringField("id", id);
            g.writeStringField("description", description);
            g.writeArrayFieldStart("links");
            link(g, "root", "./catalog.json", "application/json");
            link(g, "child", collectionHref, "application/json");
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    void collection(Path file, String id, String description, Envelope extent, String promotedAt,
            List<String> itemHrefs) throws IOException {
        try (JsonGenerator g = open(file)) {
            g.writeStartObject();
            g.writeStringField("type", "Collection");
            g.writeStringField("stac_version", "1.0.0");
            g.writeStringField("id", id);
            g.writeStringField("description", description);
            g.writeStringField("license", "CC0-1.0");
            g.writeObjectFieldStart("extent");
            g.writeObjectFieldStart("spatial");
            g.writeArrayFieldStart("bbox");
            bbox(g, extent);
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("temporal");
            g.writeArrayFieldStart("interval");
            g.writeStartArray();
            g.writeString(promotedAt);
            g.writeString(promotedAt);
            g.writeEndArray();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("links");
            link(g, "root", "../catalog.json", "application/json");
            link(g, "parent", "../catalog.json", "application/json");
            for (String href : itemHrefs) {
                link(g, "item", href, "application/geo+json");
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    void item(Path file, String collectionId, WrittenAsset a, String promotedAt) throws IOException {
        try (JsonGenerator g = open(file)) {
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeStringField("stac_version", "1.0.0");
            g.writeArrayFieldStart("stac_extensions");
            g.writeString(PROJECTION_EXTENSION);
            g.writeString(FILE_EXTENSION);
            g.writeEndArray();
            g.writeStringField("id", a.itemId());
            g.writeStringField("collection", collectionId);
            Envelope e = a.bbox();
            g.writeObjectFieldStart("geometry");
            g.writeStringField("type", "Polygon");
            g.writeArrayFieldStart("coordinates");
            g.writeStartArray();
            double[][] corners = {{e.getMinX(), e.getMinY()}, {e.getMaxX(), e.getMinY()}, {e.getMaxX(), e.getMaxY()},
                {e.getMinX(), e.getMaxY()}, {e.getMinX(), e.getMinY()}};
            for (double[] c : corners) {
                g.writeArray(c, 0, 2);
            }
            g.writeEndArray();
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("bbox");
            bbox(g, e);
            g.writeEndArray();
            g.writeObjectFieldStart("properties");
            g.writeStringField("datetime", promotedAt);
            g.writeStringField("kfm:dataset_id", a.datasetId());
            g.writeStringField("kfm:dataset_version_id", a.datasetVersionId());
            g.writeNumberField("kfm:feature_count", a.features());
            g.writeStringField("kfm:promoted_at", promotedAt);
            g.writeNumberField("proj:epsg", a.epsg());
            g.writeEndObject();
            g.writeArrayFieldStart("links");
            link(g, "root", "../../catalog.json", "application/json");
            link(g, "parent", "../collection.json", "application/json");
            link(g, "collection", "../collection.json", "application/json");
            g.writeEndArray();
            g.writeObjectFieldStart("assets");
            g.writeObjectFieldStart("data");
            g.writeStringField("href", "./" + a.file().getFileName());
            g.writeStringField("type", a.format().mediaType());
            g.writeArrayFieldStart("roles");
            g.writeString("data");
            g.writeEndArray();
            g.writeStringField("file:checksum", a.checksum());
            g.writeNumberField("file:size", a.size());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private JsonGenerator open(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        JsonGenerator g = factory.createGenerator(out);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        return new com.fasterxml.jackson.core.util.JsonGeneratorDelegate(g) {
            @Override
            public void close() throws IOException {
                writeRaw('\n');
                super.close();
            }
        };
    }

    private static void bbox(JsonGenerator g, Envelope e) throws IOException {
        g.writeNumber(e.getMinX());
        g.writeNumber(e.getMinY());
        g.writeNumber(e.getMaxX());
        g.writeNumber(e.getMaxY());
    }

    private static void link(JsonGenerator g, String rel, String href, String type) throws IOException {
        g.writeStartObject();
        g.writeStringField("rel", rel);
        g.writeStringField("href", href);
        g.writeStringField("type", type);
        g.writeEndObject();
    }
}
