package org.kfm.projection.migrate.lint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory entry's name, classified against the convention {@code NNNN__snake_description.sql}
 * and against what Flyway, configured as the runner configures it (empty prefix, {@code __}
 * separator, {@code .sql} suffix, naming validation on), would do with it.
 *
 * @param fileName      the entry's name
 * @param kind          what the entry is
 * @param problem       for {@link Kind#MISNAMED} and {@link Kind#STRAY}: what is wrong and what Flyway does with it
 * @param suggestion    a conforming name, when one can be derived
 * @param flywayVersion the version Flyway reads from the name when it accepts the file as a
 *                      versioned migration (numeric parts; {@code 0010} and {@code 10} are equal)
 */
public record MigrationName(String fileName, Kind kind, String problem, Optional<String> suggestion,
                            Optional<List<BigInteger>> flywayVersion) {
    private static final Pattern CONVENTION = Pattern.compile("(\\d{4})__([a-z0-9]+(?:_[a-z0-9]+)*)\\.sql");
    private static final Pattern FLYWAY_VERSIONED = Pattern.compile("(\\d+(?:[._]\\d+)*)__.+\\.sql",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LETTERS_THEN_DIGITS = Pattern.compile("[A-Za-z]+(\\d+)");
    private static final Pattern SUGGESTABLE = Pattern.compile("[A-Za-z]?(\\d{1,4})_+(.+)");
    private static final Pattern CALLBACK = Pattern.compile("(before|after)[A-Z]\\w*(__.*)?\\.sql",
            Pattern.CASE_INSENSITIVE);

    /** What a directory entry is. */
    public enum Kind {
        /** Follows the convention. */
        MIGRATION,
        /** Meant as a migration (it looks like one) but misnamed. */
        MISNAMED,
        /** {@code README.md}, {@code .gitkeep} and the {@code down/} folder. */
        IGNORED,
        /** Anything else. */
        STRAY
    }

    public boolean isSql() {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    public static MigrationName of(String fileName, boolean directory) {
        if (directory) {
            return fileName.equals("down") ? simple(fileName, Kind.IGNORED, "")
                    : simple(fileName, Kind.STRAY, "is a subdirectory: Flyway scans locations recursively, "
                            + "so every .sql file in it would run as a migration");
        }
        if (fileName.equals("README.md") || fileName.equals(".gitkeep")) {
            return simple(fileName, Kind.IGNORED, "");
        }
        Optional<List<BigInteger>> version = flywayVersion(fileName);
        if (CONVENTION.matcher(fileName).matches()) {
            return new MigrationName(fileName, Kind.MIGRATION, "", Optional.empty(), version);
        }
        if (!looksLikeMigration(fileName)) {
            return simple(fileName, Kind.STRAY, "is neither a migration (NNNN__description.sql) nor README.md");
        }
        return new MigrationName(fileName, Kind.MISNAMED, misnamedBecause(fileName), suggest(fileName), version);
    }

    private static MigrationName simple(String fileName, Kind kind, String problem) {
        return new MigrationName(fileName, kind, problem, Optional.empty(), Optional.empty());
    }

    private static boolean looksLikeMigration(String name) {
        return name.toLowerCase(Locale.ROOT).contains(".sql") || name.contains("__")
                || name.matches("[A-Za-z]?\\d.*");
    }

    private static String misnamedBecause(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".sql")) {
            return "does not end in .sql: Flyway skips it silently, so this change would never run";
        }
        if (!name.endsWith(".sql")) {
            return "has an upper-case suffix: Flyway matches .sql ignoring case and would run it, but the "
                    + "psql fallback's *.sql glob and other case-sensitive tools skip it";
        }
        if (CALLBACK.matcher(name).matches()) {
            return "is a Flyway callback name: Flyway would run it around every migrate, not once as a migration";
        }
        if (name.startsWith("R__")) {
            return "is a repeatable migration name: Flyway would re-run it whenever it changes, after all versions";
        }
        int separator = name.indexOf("__");
        if (separator < 0) {
            return "has no '__' separator: Flyway cannot read a version from it and rejects it "
                    + "(validateMigrationNaming)";
        }
        return misnamedPrefixOrDescription(name, name.substring(0, separator),
                name.substring(separator + 2, name.length() - ".sql".length()));
    }

    private static String misnamedPrefixOrDescription(String name, String prefix, String description) {
        if (!prefix.matches("\\d+")) {
            if (LETTERS_THEN_DIGITS.matcher(prefix).matches()) {
                return "starts with '" + prefix + "': the runner's migration prefix is empty, so Flyway reads '"
                        + prefix + "' as the version and rejects the file";
            }
            return "'" + prefix + "' is not a version number: Flyway rejects the file";
        }
        if (prefix.length() != 4) {
            return "version '" + prefix + "' is not 4 digits: Flyway would accept it as version "
                    + new BigInteger(prefix) + ", but name order and version order then disagree";
        }
        return "description '" + description + "' is not lower-case snake_case (a-z, 0-9, single '_')";
    }

    /** A conforming name derived from a misnamed one, when digits and words can be found in it. */
    private static Optional<String> suggest(String name) {
        String stem = name.replaceFirst("(?i)\\.sql.*$", "").replaceFirst("\\.[^.]*$", "");
        Matcher m = SUGGESTABLE.matcher(stem);
        if (!m.matches()) {
            return Optional.empty();
        }
        String description = m.group(2).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (description.isEmpty()) {
            return Optional.empty();
        }
        String version = "0".repeat(4 - m.group(1).length()) + m.group(1);
        return Optional.of(version + "__" + description + ".sql");
    }

    private static Optional<List<BigInteger>> flywayVersion(String name) {
        Matcher m = FLYWAY_VERSIONED.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : m.group(1).split("[._]")) {
            parts.add(new BigInteger(part));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return Optional.of(List.copyOf(parts));
    }
}
