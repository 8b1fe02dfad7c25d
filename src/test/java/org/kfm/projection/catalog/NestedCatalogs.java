package org.kfm.projection.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** Test catalogs: the nested fixture under src/test/resources/catalogs, and rewritten copies of it. */
final class NestedCatalogs {
    static final ObjectMapper JSON = new ObjectMapper();

    private NestedCatalogs() {
    }

    /** The directory of the nested fixture (root catalog.json, collections, items, data). */
    static Path nested() {
        try {
            return Path.of(NestedCatalogs.class.getResource("/catalogs/nested/catalog.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies {@code from} to {@code to}, passing every .json document through {@code transform}. */
    static Path copy(Path from, Path to, UnaryOperator<JsonNode> transform, ObjectWriter writer) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                if (file.toString().endsWith(".json")) {
                    Files.writeString(target, writer.writeValueAsString(transform.apply(JSON.readTree(file.toFile()))));
                } else {
                    Files.copy(file, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of the nested fixture, relative to its directory, with '/' separators. */
    static List<String> nestedFiles() {
        try (Stream<Path> files = Files.walk(nested())) {
            return files.filter(Files::isRegularFile).map(p -> nested().relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
