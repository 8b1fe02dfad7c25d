package org.kfm.projection.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.testing.TestDatabase;

/**
 * The service under test gets a fresh PostGIS database, a private copy of the sample catalog (the
 * configured catalog), a temporary directory as the only allowed catalog prefix, and four signed
 * webhooks on loopback whose URLs carry secrets ({@link #WEBHOOK_SECRETS}): {@code /hook} (named
 * {@code hooks}), {@code /fail} (with userinfo) and {@code /hang} (named {@code tiles}) on a port a
 * test may listen on, and a port nobody listens on. With init arg {@code seedOpenRun=true} the database also holds, before the service
 * starts, a run left open by a "dead replica".
 */
public class ServiceTestResource implements QuarkusTestResourceLifecycleManager {
    /** Id of the seeded open run. */
    public static final String SEEDED_RUN = "00000000-0000-0000-0000-00000000dead";
    /** Secrets in the webhook URLs (query strings, userinfo): never shown, logged or stored. */
    public static final java.util.List<String> WEBHOOK_SECRETS = java.util.List.of("tok-hook-31337", "pw-fail-8086",
            "key-fail-6502", "tok-hang-6809");
    /** Signs the webhooks (kfm.webhooks.signing-secret). */
    public static final String SIGNING_SECRET = "test-signing-secret-0123456789abcdef0123456789";

    private TestDatabase db;
    private Path root;
    private boolean seedOpenRun;

    @Override
    public void init(Map<String, String> initArgs) {
        seedOpenRun = Boolean.parseBoolean(initArgs.getOrDefault("seedOpenRun", "false"));
    }

    @Override
    public Map<String, String> start() {
        db = TestDatabase.create();
        try {
            root = Files.createTempDirectory("kfm-service-test");
            copyTree(TestDatabase.repoRoot().resolve("samples/catalog"), root.resolve("catalog"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (seedOpenRun) {
            seedOpenRun();
        }
        int hooks = freePort();
        int closed = freePort();
        return Map.ofEntries(Map.entry("quarkus.datasource.jdbc.url", db.jdbcUrl()),
                Map.entry("kfm.catalog.uri", root.resolve("catalog/catalog.json").toString()),
                Map.entry("kfm.api.allowed-catalog-prefixes", root.toString()),
                Map.entry("kfm.webhooks.urls", "hooks=http://127.0.0.1:" + hooks + "/hook?token=" + WEBHOOK_SECRETS.get(0)
                        + ",http://kfm:" + WEBHOOK_SECRETS.get(1) + "@127.0.0.1:" + hooks + "/fail?key="
                        + WEBHOOK_SECRETS.get(2) + ",http://127.0.0.1:" + closed + "/closed,tiles=http://127.0.0.1:"
                        + hooks + "/hang?token=" + WEBHOOK_SECRETS.get(3)),
                Map.entry("kfm.webhooks.signing-secret", SIGNING_SECRET),
                Map.entry("kfm.webhooks.attempts", "2"), Map.entry("kfm.webhooks.backoff", "50ms"),
                Map.entry("kfm.webhooks.timeout", "5s"), Map.entry("kfm.receipts.write-to-store", "false"),
                Map.entry("kfm.service.shutdown-grace", "10s"), Map.entry("quarkus.datasource.jdbc.max-size", "16"));
    }

    /** The ops schema as a dead replica left it: one rebuild that never finished. */
    private void seedOpenRun() {
        new DatabaseBootstrap(db.dataSource(), PgIdentifier.of("kfm_ops"), PgIdentifier.of("public"),
                Clock.systemUTC()).run();
        db.execute("INSERT INTO kfm_ops.rebuild_run (run_id, kind, projection, state, triggered_by, trigger, host, "
                + "pid, started_at) VALUES ('" + SEEDED_RUN + "', 'rebuild', 'kfm_index', 'LOADING', 'ghost', 'api', "
                + "'gone-host', 1, now() - interval '1 hour')");
    }

    @Override
    public void stop() {
        if (db != null) {
            db.close();
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory left behind is harmless
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.toString().contains("/receipts/")) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
