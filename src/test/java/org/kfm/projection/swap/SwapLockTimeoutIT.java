package org.kfm.projection.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.testing.TestDatabase;
import org.postgresql.PGConnection;

/**
 * What blocks a swap and what does not. Renaming a schema updates its pg_namespace row and takes no
 * lock on the tables inside, so readers and even ACCESS EXCLUSIVE table locks do not block it; an
 * uncommitted change to the same pg_namespace row does, and so does whatever the hook touches.
 */
class SwapLockTimeoutIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @BeforeAll
    static void createDatabase() {
        db.execute("CREATE SCHEMA kfm_ops");
        db.execute("CREATE TABLE kfm_ops.generation_it (base text, n bigint)");
    }

    /** live = gen-1, shadow = gen-2; a short lock timeout and three attempts. */
    private static SwapSettings liveAndShadow() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase())
                .withLockTimeouts(Duration.ofMillis(300), Duration.ofMillis(300))
                .withRetries(3, Duration.ofMillis(50));
        Generations.create(db, settings.names().live(), "gen-1", 2);
        Generations.create(db, settings.names().shadow(), "gen-2", 2);
        return settings;
    }

    private static Connection session(String applicationName) throws SQLException {
        Connection c = db.connect();
        c.setClientInfo("ApplicationName", applicationName);
        c.setAutoCommit(false);
        return c;
    }

    private static int pid(Connection c) throws SQLException {
        return c.unwrap(PGConnection.class).getBackendPID();
    }

    @Test
    void uncommittedSchemaGrantBlocksEveryAttemptAndTheBlockerIsNamed() throws SQLException {
        SwapSettings settings = liveAndShadow();
        GenerationNames n = settings.names();
        try (Connection blocker = session("kfm-it-blocker")) {
            Generations.execute(blocker, "GRANT USAGE ON SCHEMA " + n.live().quoted() + " TO PUBLIC");
            int blockerPid = pid(blocker);
            long start = System.nanoTime();

            SwapBlockedException e = assertThrows(SwapBlockedException.class,
                    () -> new SchemaSwapper(db.dataSource(), settings).swap(2, null, SwapHook.NONE));

            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("swap-lock-timeout", e.rule());
            assertEquals(3, e.attempts());
            assertEquals("55P03", e.sqlState());
            assertTrue(millis >= 3 * 300 + 50 + 100, "three timeouts and two backoffs, took " + millis + " ms");
            BlockingSession b = e.blockers().stream().filter(s -> s.pid() == blockerPid).findFirst().orElseThrow(
                    () -> new AssertionError("blocker not named: " + e.blockers()));
            assertEquals("kfm-it-blocker", b.applicationName());
            assertEquals("idle in transaction", b.state());
            assertTrue(b.query().startsWith("GRANT USAGE ON SCHEMA"), b.query());
            assertTrue(e.getMessage().contains("pid " + b.pid()) && e.getMessage().contains("'kfm-it-blocker'")
                    && e.getMessage().contains("Nothing was changed."), e.getMessage());
            blocker.rollback();
        }
        assertEquals("gen-1", Generations.marker(db, n.live()));
        assertEquals("gen-2", Generations.marker(db, n.shadow()));
    }

    @Test
    void accessExclusiveLockOnALiveTableDoesNotBlockTheRename() throws SQLException {
        SwapSettings settings = liveAndShadow();
        GenerationNames n = settings.names();
        try (Connection locker = session("kfm-it-locker")) {
            Generations.execute(locker, "LOCK TABLE " + n.live().quoted() + ".feature_geom IN ACCESS EXCLUSIVE MODE");

            SwapResult r = new SchemaSwapper(db.dataSource(), settings).swap(2, null, SwapHook.NONE);

            assertEquals(1, r.attempts());
            assertTrue(r.transactionTime().toMillis() < 300, r.transactionTime().toString());
            locker.commit();
        }
        assertEquals("gen-2", Generations.marker(db, n.live()));
    }

    @Test
    void openReaderDoesNotBlockAndItsNextStatementSeesTheNewGeneration() throws SQLException {
        SwapSettings settings = liveAndShadow();
        GenerationNames n = settings.names();
        try (Connection reader = session("kfm-it-reader")) {
            String query = "SELECT min(dataset_version_id) FROM " + n.live().quoted() + ".feature_geom";
            assertEquals("gen-1", queryOne(reader, query));

            SwapResult r = new SchemaSwapper(db.dataSource(), settings).swap(2, null, SwapHook.NONE);

            assertEquals(1, r.attempts());
            assertEquals("gen-2", queryOne(reader, query), "same READ COMMITTED transaction, next statement");
            reader.commit();
        }
    }

    @Test
    void hookBlockedByALockedOpsTableIsRetriedUntilTheLockGoes() throws Exception {
        // Enough attempts that the release below always lands inside one, however loaded the machine.
        SwapSettings settings = liveAndShadow().withRetries(8, Duration.ofMillis(50));
        String record = "INSERT INTO kfm_ops.generation_it VALUES ('" + settings.names().base() + "', 2)";
        try (Connection locker = session("kfm-it-ops-locker"); Connection watcher = db.connect()) {
            Generations.execute(locker, "LOCK TABLE kfm_ops.generation_it IN ACCESS EXCLUSIVE MODE");
            // Released once a second attempt is seen waiting for the table: the first has then timed out.
            CompletableFuture<Integer> release = CompletableFuture.supplyAsync(() -> {
                try {
                    int seen = attemptsSeenWaiting(watcher, pid(locker), 2);
                    locker.commit();
                    return seen;
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            SwapResult r = new SchemaSwapper(db.dataSource(), settings).swap(2, null,
                    c -> Generations.execute(c, record));

            assertTrue(release.get(30, TimeUnit.SECONDS) >= 2);
            assertTrue(r.attempts() >= 2, "first attempt timed out in the hook: " + r);
        }
        assertEquals("2", db.queryOne("SELECT n FROM kfm_ops.generation_it WHERE base = '" + settings.names().base()
                + "'"));
        assertEquals("gen-2", Generations.marker(db, settings.names().live()));
    }

    /**
     * Polls until {@code wanted} distinct transactions have been seen waiting for a lock that
     * {@code holder} holds (each swap attempt is a transaction of its own).
     */
    private static int attemptsSeenWaiting(Connection watcher, int holder, int wanted)
            throws SQLException, InterruptedException {
        java.util.Set<String> attempts = new java.util.HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        while (attempts.size() < wanted && System.nanoTime() < deadline) {
            try (var ps = watcher.prepareStatement("SELECT pid || ':' || xact_start FROM pg_stat_activity"
                    + " WHERE ? = ANY (pg_blocking_pids(pid))")) {
                ps.setInt(1, holder);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        attempts.add(rs.getString(1));
                    }
                }
            }
            Thread.sleep(10);
        }
        return attempts.size();
    }

    private static String queryOne(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
