package org.kfm.projection.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.kfm.projection.migrate.lint.rule.BuiltInRules;

/** Writes tiny migration sets and lints them with the built-in rules. */
public final class LintFixtures {
    /** A complete, harmless header: files that start with it only trip the rule under test. */
    public static final String HEADER = """
            -- Purpose: test fixture
            -- Risk: low
            -- Rollback: none
            -- Notes: instant
            """;
    /** {@link #HEADER} with a Rebuild note, for files that touch builder tables. */
    public static final String HEADER_WITH_REBUILD = HEADER + "-- Rebuild: full rebuild\n";

    private LintFixtures() {
    }

    public static Path write(Path dir, String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LintReport lint(Path dir) {
        return new MigrationLinter(LintConfig.defaults(), BuiltInRules.all()).lint(dir);
    }

    /** Writes one migration (header + body) into an otherwise empty directory and lints it. */
    public static LintReport lintOne(Path dir, String name, String content) {
        write(dir, name, content);
        return lint(dir);
    }

    public static List<Finding> findings(LintReport report, String rule) {
        return report.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    /** Asserts that a rule reported exactly these lines, and returns its findings. */
    public static List<Finding> assertLines(LintReport report, String rule, Integer... lines) {
        List<Finding> found = findings(report, rule);
        assertEquals(List.of(lines), found.stream().map(Finding::line).toList(),
                () -> rule + " findings: " + report.findings());
        return found;
    }

    /** Asserts that nothing at all was reported: pass fixtures must be clean, not just clean of one rule. */
    public static void assertClean(LintReport report) {
        assertEquals(List.of(), report.findings());
    }

    public static Path resource(String name) {
        try {
            return Path.of(LintFixtures.class.getResource("/lint/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
