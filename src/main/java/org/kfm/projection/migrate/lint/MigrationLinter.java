package org.kfm.projection.migrate.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lints a projection migration directory: lists it, reads every SQL file, learns which tables the
 * migrations create, then runs every rule. Findings are values; the linter throws only when the
 * directory cannot be read.
 */
public final class MigrationLinter {
    private final LintConfig config;
    private final List<LintRule> rules;

    public MigrationLinter(LintConfig config, List<LintRule> rules) {
        this.config = config;
        this.rules = List.copyOf(rules);
    }

    /**
     * Lints one directory.
     *
     * @param directory the migration directory, e.g. {@code migrations/postgis}
     * @return every finding, sorted, and the number of SQL files checked
     * @throws UncheckedIOException when the directory or a file in it cannot be read
     */
    public LintReport lint(Path directory) {
        MigrationSet set = read(directory);
        LintContext context = SchemaInventory.collect(config, set.files());
        List<Finding> findings = new ArrayList<>();
        for (LintRule rule : rules) {
            rule.checkDirectory(set, context, findings::add);
            for (MigrationFile file : set.files()) {
                rule.checkFile(file, context, findings::add);
            }
        }
        return new LintReport(directory.toString(), findings, set.files().size());
    }

    private static MigrationSet read(Path directory) {
        List<MigrationSet.Entry> entries = new ArrayList<>();
        List<MigrationFile> files = new ArrayList<>();
        for (Path path : list(directory)) {
            String fileName = path.getFileName().toString();
            MigrationName name = MigrationName.of(fileName, Files.isDirectory(path));
            String shown = directory.resolve(fileName).toString();
            entries.add(new MigrationSet.Entry(shown, name));
            if (Files.isRegularFile(path) && name.isSql()) {
                files.add(MigrationFile.of(shown, name, readText(path)));
            }
        }
        return new MigrationSet(directory.toString(), entries, files);
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> s = Files.list(directory)) {
            return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list migration directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /** UTF-8, as Flyway reads migrations by default; malformed bytes become U+FFFD rather than failing. */
    private static String readText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + file + ": " + e.getMessage(), e);
        }
    }
}
