package org.kfm.projection.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.kfm.projection.error.UsageException;

/**
 * The migration files of one location: {@code classpath:migrations/postgis} (packaged in the
 * application) or a directory ({@code filesystem:/path} or a plain path).
 *
 * <p>Only the top level is read: Flyway would scan sub-directories too and run {@code down/}
 * scripts as forward migrations. Every {@code .sql} file (any case) is handed to Flyway, whose
 * naming validation then rejects a misnamed one instead of skipping it.
 */
public record MigrationSource(String location, List<MigrationScript> scripts) {

    public MigrationSource {
        scripts = List.copyOf(scripts);
    }

    public static MigrationSource load(String location) {
        if (location.startsWith("classpath:")) {
            return fromClasspath(location, location.substring("classpath:".length()));
        }
        String dir = location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new UsageException("missing-migrations",
                    "migration directory " + path.toAbsolutePath() + " does not exist; set kfm.migrations.location "
                            + "(KFM_MIGRATIONS_LOCATION) to a directory or to classpath:migrations/postgis");
        }
        return new MigrationSource(location, readDirectory(path));
    }

    private static MigrationSource fromClasspath(String location, String dir) {
        // README.md marks the directory: class loaders cannot look up a directory inside a jar.
        String marker = dir.replaceAll("/+$", "") + "/README.md";
        URL url = Thread.currentThread().getContextClassLoader().getResource(marker);
        if (url == null) {
            throw new UsageException("missing-migrations", "no packaged migrations at " + location
                    + " (resource " + marker + " not found)");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                String spec = uri.getRawSchemeSpecificPart();
                int bang = spec.indexOf("!/");
                // A private file system over the jar, not the one registered for its URI: that one may
                // already be open elsewhere in the process (FileSystemAlreadyExistsException), or be
                // closed by its owner while we read.
                try (FileSystem fs = FileSystems.newFileSystem(Path.of(URI.create(spec.substring(0, bang))))) {
                    return new MigrationSource(location, readDirectory(fs.getPath(spec.substring(bang + 1)).getParent()));
                }
            }
            return new MigrationSource(location, readDirectory(Path.of(uri).getParent()));
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException(new IOException("cannot list " + location + ": " + e.getMessage(), e));
        }
    }

    private static List<MigrationScript> readDirectory(Path dir) {
        List<MigrationScript> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted(Comparator.comparing(Path::toString)).toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
                    result.add(new MigrationScript(name, Files.readString(p, StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migrations in " + dir, e);
        }
        return result;
    }

    public MigrationScript script(String filename) {
        return scripts.stream().filter(s -> s.filename().equals(filename)).findFirst().orElse(null);
    }
}
