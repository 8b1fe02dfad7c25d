package org.kfm.projection.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;

/**
 * Catalogs for rebuild tests, always in a directory of the test's own (receipts are written beside
 * the catalog, so the repository's sample must never be used in place): copies of the sample,
 * generated ones, and the edits a promotion would make (an asset's bytes with its checksum and
 * size, an item's properties, an item taken out of its collection).
 */
public final class TestCatalogs {
    public static final Path SAMPLE = TestDatabase.repoRoot().resolve("samples/catalog");
    /** The sample's items, relative to the catalog directory. */
    public static final String LANDMARKS = "kansas/kansas-landmarks/kansas-landmarks.json";
    public static final String RIVERS = "kansas/kansas-rivers/kansas-rivers.json";
    public static final String COUNTIES = "kansas/kansas-counties/kansas-counties.json";
    public static final String TOWNSHIPS = "kansas/kansas-townships/kansas-townships.json";
    public static final String COLLECTION = "kansas/collection.json";
    /** Rows the sample loads: 12 landmarks, 8 river reaches, 6 counties, 7 townships. */
    public static final long SAMPLE_ROWS = 33;
    /** The sample's dataset versions ({@code kfm:dataset_version_id}). */
    public static final String LANDMARKS_VERSION = "kansas-landmarks-20250314";
    public static final String RIVERS_VERSION = "kansas-rivers-20250401";
    public static final String COUNTIES_VERSION = "kansas-counties-20250520";
    public static final String TOWNSHIPS_VERSION = "kansas-townships-20250602";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestCatalogs() {
    }

    /** Copies the sample catalog into {@code dir} and returns its {@code catalog.json}. */
    public static Path copySample(Path dir) {
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(SAMPLE.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!SAMPLE.relativize(f).startsWith("receipts")) {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("catalog.json");
    }

    /** A deterministic synthetic catalog of {@code features} GeoJSON features over {@code datasets} items. */
    public static Path generate(Path dir, long features, long seed, int datasets) {
        try {
            return new SyntheticCatalogWriter().write(new SyntheticCatalogWriter.Options(dir, features, seed, datasets,
                    SyntheticFormat.GEOJSON)).catalog();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rewrites the bytes of the item's data asset {@code key} with {@code edit} and records the new
     * checksum and size in the item, as a promotion would.
     */
    public static void editAsset(Path item, String key, UnaryOperator<String> edit) {
        ObjectNode doc = read(item);
        ObjectNode asset = (ObjectNode) doc.path("assets").path(key);
        Path file = item.resolveSibling(asset.path("href").asText());
        String before = readString(file);
        String after = edit.apply(before);
        if (after.equals(before)) {
            throw new IllegalArgumentException("the edit changed nothing in " + file);
        }
        writeString(file, after);
        asset.put("file:checksum", checksum(file)).put("file:size", size(file));
        write(item, doc);
    }

    /** Edits the item's {@code properties}. */
    public static void editProperties(Path item, Consumer<ObjectNode> edit) {
        ObjectNode doc = read(item);
        edit.accept((ObjectNode) doc.path("properties"));
        write(item, doc);
    }

    /** Takes the item whose href ends with {@code hrefSuffix} out of the collection's links. */
    public static void removeItem(Path collection, String hrefSuffix) {
        ObjectNode doc = read(collection);
        ArrayNode links = (ArrayNode) doc.path("links");
        for (int i = 0; i < links.size(); i++) {
            if ("item".equals(links.get(i).path("rel").asText()) && links.get(i).path("href").asText()
                    .endsWith(hrefSuffix)) {
                links.remove(i);
                write(collection, doc);
                return;
            }
        }
        throw new IllegalArgumentException("no item link ending with " + hrefSuffix + " in " + collection);
    }

    /**
     * Adds a dataset version to {@code collection}: a copy of {@code item} (same assets) with item id
     * {@code itemId} and {@code kfm:dataset_version_id} {@code versionId}, written beside it and linked.
     *
     * @return the new item's file
     */
    public static Path addVersion(Path collection, Path item, String itemId, String versionId) {
        ObjectNode doc = read(item);
        doc.put("id", itemId);
        ((ObjectNode) doc.path("properties")).put("kfm:dataset_version_id", versionId);
        Path copy = item.resolveSibling(itemId + ".json");
        write(copy, doc);
        ObjectNode c = read(collection);
        ((ArrayNode) c.path("links")).addObject().put("rel", "item")
                .put("href", "./" + collection.getParent().relativize(copy).toString().replace('\\', '/'))
                .put("type", "application/geo+json");
        write(collection, c);
        return copy;
    }

    /** {@code 1220} + SHA-256 of the file, the catalog's multihash form. */
    public static String checksum(Path file) {
        try {
            return "1220" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, ObjectNode doc) {
        writeString(file, doc.toPrettyString());
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
