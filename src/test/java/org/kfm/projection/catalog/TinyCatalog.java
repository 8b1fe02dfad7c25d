package org.kfm.projection.catalog;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal valid catalog built in memory, edited by a test, then written to a directory:
 * {@code catalog.json} → {@code col/collection.json} → {@code col/items/a.json}, {@code col/items/b.json}.
 */
final class TinyCatalog {
    static final String CHECKSUM = "1220" + "ab".repeat(32);
    static final String ITEM_A = "col/items/a.json";
    static final String ITEM_B = "col/items/b.json";
    static final String COLLECTION = "col/collection.json";

    final ObjectNode root = parse("""
            {"type": "Catalog", "stac_version": "1.0.0", "id": "root", "description": "tiny",
             "links": [{"rel": "root", "href": "./catalog.json"},
                       {"rel": "child", "href": "col/collection.json"}]}
            """);
    final ObjectNode collection = parse("""
            {"type": "Collection", "stac_version": "1.0.0", "id": "col", "description": "tiny", "license": "x",
             "extent": {}, "links": [{"rel": "parent", "href": "../catalog.json"},
                                     {"rel": "item", "href": "items/a.json"},
                                     {"rel": "item", "href": "items/b.json"}]}
            """);
    final ObjectNode itemA = item("a");
    final ObjectNode itemB = item("b");

    private static ObjectNode item(String name) {
        return parse("""
                {"type": "Feature", "stac_version": "1.0.0", "id": "%1$s", "collection": "col", "geometry": null,
                 "bbox": [-10, -5, 10, 5],
                 "properties": {"datetime": "2024-01-01T00:00:00Z", "kfm:dataset_id": "ds",
                                "kfm:dataset_version_id": "ds@%1$s", "kfm:feature_count": 3,
                                "kfm:promoted_at": "2024-01-02T00:00:00Z"},
                 "links": [],
                 "assets": {"data": {"href": "../data/%1$s.geojson", "type": "application/geo+json",
                                     "roles": ["data"], "file:checksum": "%2$s", "file:size": 10}}}
                """.formatted(name, CHECKSUM));
    }

    /** Sets (or, with a null value, removes) the member at a JSON pointer. */
    static void set(ObjectNode doc, String pointer, JsonNode value) {
        JsonPointer ptr = JsonPointer.compile(pointer);
        JsonNode parent = doc.at(ptr.head());
        String name = ptr.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(name);
            } else {
                object.set(name, value);
            }
        } else if (parent instanceof ArrayNode array) {
            array.set(ptr.last().getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("no container at " + ptr.head() + " in " + doc);
        }
    }

    static JsonNode json(String text) {
        try {
            return NestedCatalogs.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path writeTo(Path dir) {
        write(dir.resolve("catalog.json"), root.toPrettyString());
        write(dir.resolve(COLLECTION), collection.toPrettyString());
        write(dir.resolve(ITEM_A), itemA.toPrettyString());
        write(dir.resolve(ITEM_B), itemB.toPrettyString());
        return dir;
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static URI uri(Path dir, String relative) {
        return dir.resolve(relative).toUri();
    }

    private static ObjectNode parse(String text) {
        return (ObjectNode) json(text);
    }
}
