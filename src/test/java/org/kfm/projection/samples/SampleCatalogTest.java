package org.kfm.projection.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kfm.projection.feature.Feature;
import org.kfm.projection.feature.FeatureFormat;
import org.kfm.projection.feature.FeatureReader;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.feature.ReaderContext;
import org.locationtech.jts.geom.Envelope;

/** samples/catalog, the embedded default catalog, holds exactly what its items declare (DESIGN §4). */
class SampleCatalogTest {
    private static final Path CATALOG = Path.of("samples/catalog/catalog.json");
    private final ObjectMapper mapper = new ObjectMapper();

    record Item(Path file, JsonNode json) {
    }

    private List<Item> items() throws Exception {
        JsonNode catalog = mapper.readTree(CATALOG.toFile());
        assertEquals("Catalog", catalog.get("type").asText());
        List<Item> items = new ArrayList<>();
        for (JsonNode child : links(catalog, "child")) {
            Path collectionFile = CATALOG.getParent().resolve(child.get("href").asText()).normalize();
            JsonNode collection = mapper.readTree(collectionFile.toFile());
            assertEquals("Collection", collection.get("type").asText());
            for (JsonNode link : links(collection, "item")) {
                Path itemFile = collectionFile.getParent().resolve(link.get("href").asText()).normalize();
                items.add(new Item(itemFile, mapper.readTree(itemFile.toFile())));
            }
        }
        return items;
    }

    private static List<JsonNode> links(JsonNode doc, String rel) {
        List<JsonNode> out = new ArrayList<>();
        doc.get("links").forEach(l -> {
            if (rel.equals(l.get("rel").asText())) {
                out.add(l);
            }
        });
        return out;
    }

    @Test
    void hasFourItemsFollowingTheFieldContract() throws Exception {
        List<Item> items = items();
        assertEquals(4, items.size());
        Set<String> versions = new HashSet<>();
        Set<String> formats = new HashSet<>();
        for (Item item : items) {
            JsonNode p = item.json().get("properties");
            assertFalse(p.get("kfm:dataset_id").asText().isBlank());
            assertTrue(versions.add(p.get("kfm:dataset_version_id").asText()), "dataset version ids are unique");
            assertTrue(p.get("kfm:feature_count").isIntegralNumber());
            OffsetDateTime.parse(p.get("kfm:promoted_at").asText());
            OffsetDateTime.parse(p.get("datetime").asText());
            assertTrue(p.has("proj:epsg") || p.get("proj:code").asText().startsWith("EPSG:"));
            assertEquals(4, item.json().get("bbox").size());
            JsonNode asset = item.json().at("/assets/data");
            assertEquals("data", asset.at("/roles/0").asText());
            formats.add(asset.get("type").asText());
            assertTrue(asset.get("file:checksum").asText().matches("1220[0-9a-f]{64}"));
        }
        assertEquals(Set.of("application/geo+json", "application/geo+json-seq", "application/vnd.flatgeobuf"), formats);
    }

    @Test
    void assetsMatchTheirChecksumsSizesCountsAndBboxes() throws Exception {
        int invalid = 0;
        int transformed = 0;
        boolean propertyId = false;
        for (Item item : items()) {
            JsonNode p = item.json().get("properties");
            JsonNode asset = item.json().at("/assets/data");
            Path data = item.file().getParent().resolve(asset.get("href").asText()).normalize();
            byte[] bytes = Files.readAllBytes(data);
            assertEquals(asset.get("file:size").asLong(), bytes.length, data.toString());
            assertEquals(asset.get("file:checksum").asText(), "1220" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes)), data.toString());
            int epsg = p.has("proj:epsg") ? p.get("proj:epsg").asInt()
                    : Integer.parseInt(p.get("proj:code").asText().substring("EPSG:".length()));
            transformed += epsg != 4326 ? 1 : 0;
            JsonNode b = item.json().get("bbox");
            Envelope bbox = new Envelope(b.get(0).asDouble(), b.get(2).asDouble(), b.get(1).asDouble(),
                    b.get(3).asDouble());
            ReaderContext ctx = new ReaderContext(data.toUri().toString(), epsg, 4326,
                    Optional.ofNullable(p.path("kfm:feature_id_property").textValue()));
            FeatureFormat format = FeatureFormat.fromMediaType(asset.get("type").asText()).orElseThrow();
            long count = 0;
            try (InputStream in = Files.newInputStream(data);
                    FeatureReader reader = new FeatureReaders().open(in, format, ctx)) {
                for (Feature f = reader.next(); f != null; f = reader.next()) {
                    assertEquals(4326, f.geometry().getSRID());
                    assertTrue(bbox.contains(f.geometry().getEnvelopeInternal()), f.id() + " outside " + bbox);
                    invalid += f.geometry().isValid() ? 0 : 1;
                    propertyId |= "gnis-476140".equals(f.id());
                    assertNotNull(f.id());
                    count++;
                }
            }
            assertEquals(p.get("kfm:feature_count").asLong(), count, data.toString());
        }
        assertEquals(1, invalid, "the one bow-tie, read as published");
        assertEquals(1, transformed, "one dataset in EPSG:26914 exercises the transform");
        assertTrue(propertyId, "one feature takes its id from kfm:feature_id_property");
    }
}
