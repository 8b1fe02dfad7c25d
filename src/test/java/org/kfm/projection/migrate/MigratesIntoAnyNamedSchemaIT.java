package org.kfm.projection.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.testing.TestDatabase;

/**
 * The real projection migrations go into whatever schema they are pointed at, from the repository
 * directory and from the packaged application, with the history table inside that schema and
 * nothing added to {@code public}.
 */
class MigratesIntoAnyNamedSchemaIT {
    private static final List<String> ALL = List.of("0010", "0020", "0030", "0040", "0050");
    private static final String PUBLIC_OBJECTS = """
            SELECT string_agg(o, ', ' ORDER BY o) FROM (
              SELECT 'relation ' || relname AS o FROM pg_class WHERE relnamespace = 'public'::regnamespace
              UNION ALL SELECT 'function ' || oid::regprocedure FROM pg_proc WHERE pronamespace = 'public'::regnamespace
              UNION ALL SELECT 'type ' || typname FROM pg_type WHERE typnamespace = 'public'::regnamespace) x""";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static String publicBefore;

    @BeforeAll
    static void createDatabase() {
        publicBefore = db.queryOne(PUBLIC_OBJECTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kfm_index_shadow", "anything_else"})
    void migratesTheRepositoryMigrationsIntoAnySchemaWithTheHistoryInside(String schema) {
        MigrationSource source = MigrationSource.load("filesystem:" + Migrations.real());

        MigrationResult result = migrate(source, schema);

        assertEquals(ALL, Migrations.versions(result));
        assertEquals(null, result.fromVersion());
        assertEquals("0050", result.toVersion());
        assertProjectionIn(schema);
    }

    @Test
    void packagedMigrationsLoadFromTargetClasses() throws IOException {
        Path classes = TestDatabase.repoRoot().resolve("target/classes");
        MigrationSource source = withClassLoader(classes.toUri().toURL(),
                () -> MigrationSource.load("classpath:migrations/postgis"));

        assertSameScriptsAsTheRepository(source);
        migrate(source, "from_target_classes");
        assertProjectionIn("from_target_classes");
    }

    @Test
    void packagedMigrationsLoadFromTheApplicationJarEvenWhenItsFileSystemIsOpen() throws IOException {
        Path jar = applicationJar();
        // Someone else in the process (another load, a library) holding the jar's file system open
        // must not make the packaged migrations unreadable.
        try (FileSystem open = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            MigrationSource source = withClassLoader(jar.toUri().toURL(),
                    () -> MigrationSource.load("classpath:migrations/postgis"));
            assertSameScriptsAsTheRepository(source);
            assertTrue(open.isOpen(), "loading must not close a file system it did not open");
            migrate(source, "from_application_jar");
        }
        assertProjectionIn("from_application_jar");
    }

    private static MigrationResult migrate(MigrationSource source, String schema) {
        return new SchemaMigrator(db.dataSource(), source, "", Clock.systemUTC()).migrate(PgIdentifier.of(schema), null);
    }

    private static void assertProjectionIn(String schema) {
        assertEquals(String.join(",", ALL), Migrations.historyVersions(db, schema));
        assertEquals(schema + ".feature_geom", db.queryOne("SELECT to_regclass('" + schema + ".feature_geom')::text"));
        assertEquals("0", db.queryOne("SELECT count(*) FROM " + schema + ".kfm_features_in_bbox(-180, -90, 180, 90)"));
        assertNull(db.queryOne("SELECT to_regclass('public.flyway_schema_history')"), "history table in public");
        assertEquals(publicBefore, db.queryOne(PUBLIC_OBJECTS), "objects in public changed");
    }

    private static void assertSameScriptsAsTheRepository(MigrationSource packaged) {
        MigrationSource repo = MigrationSource.load(Migrations.real().toString());
        assertEquals(repo.scripts(), packaged.scripts());
    }

    private static Path applicationJar() throws IOException {
        Path app = TestDatabase.repoRoot().resolve("target/quarkus-app/app");
        try (var jars = Files.list(app)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no application jar in " + app + ": run mvn package"));
        }
    }

    private static <T> T withClassLoader(URL root, Supplier<T> work) throws IOException {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root}, null)) {
            Thread.currentThread().setContextClassLoader(loader);
            return work.get();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
