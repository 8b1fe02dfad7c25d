package org.kfm.projection.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.kfm.projection.testing.TestDatabase;

/** Migration directories and schema facts for the migration integration tests. */
public final class Migrations {
    private Migrations() {
    }

    /** The repository's real projection migrations. */
    public static Path real() {
        return TestDatabase.repoRoot().resolve("migrations/postgis");
    }

    /** Copies the real migrations whose file name starts with one of {@code versions} into {@code dir}. */
    public static Path copyReal(Path dir, String... versions) {
        try (var files = Files.list(real())) {
            for (Path p : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                String name = p.getFileName().toString();
                if (Arrays.stream(versions).anyMatch(v -> name.startsWith(v + "__"))) {
                    Files.copy(p, dir.resolve(name));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path dir, String name, String sql) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, sql, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SchemaMigrator migrator(DataSource ds, Path dir) {
        return new SchemaMigrator(ds, MigrationSource.load("filesystem:" + dir), "", Clock.systemUTC());
    }

    public static boolean schemaExists(TestDatabase db, String schema) {
        return "t".equals(db.queryOne("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + schema + "')"));
    }

    /** Successful versions in the schema's own history table, oldest first ("" when none). */
    public static String historyVersions(TestDatabase db, String schema) {
        return db.queryOne("SELECT coalesce(string_agg(version, ',' ORDER BY installed_rank), '') FROM "
                + schema + ".flyway_schema_history WHERE success AND version IS NOT NULL");
    }

    public static List<String> versions(MigrationResult r) {
        return r.applied().stream().map(AppliedMigration::version).toList();
    }
}
