package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.ops.OpsStore;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunSummary;
import org.kfm.projection.testing.ReceiptSchema;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * When the database restarts under a running rebuild, the run reconnects to record FAILED with the
 * cause at once, so {@code status} tells the truth without waiting for the next run to mark it
 * ABANDONED. The restart is what {@code pg_ctl restart -m fast} does to a client: every session of
 * the run is terminated in the middle of its COPY (for real, with {@code pg_terminate_backend}), and
 * for a moment after, no new connection can be opened (the ops store's connections are refused with
 * SQLSTATE 08001 for two seconds, as a server still starting refuses them).
 */
class RebuildRecordsItsFailureWhenTheDatabaseRestartsIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Path generated;

    @TempDir
    static Path dir;

    private static RestartingDataSource restarting;
    private static RebuildOrchestrator orchestrator;

    @BeforeAll
    static void setUp() {
        fx = RebuildFixture.builder(db, "it_restart").build();
        generated = TestCatalogs.generate(dir, 20_000, 5, 2);
        RebuildServices s = fx.services();
        restarting = new RestartingDataSource(fx.dataSource());
        orchestrator = new RebuildOrchestrator(new RebuildServices(s.dataSource(), s.settings(), s.rebuild(),
                s.bootstrap(), s.migrator(), new OpsStore(restarting, s.settings().opsSchema(), s.json(), s.clock(),
                        UUID::randomUUID),
                s.generations(), s.stores(), s.loader(), s.validator(), s.swapper(), s.json(), s.clock()));
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void aRunWhoseSessionsAreTerminatedDuringTheCopyIsRecordedFailedAtOnce() throws Exception {
        CountDownLatch copying = new CountDownLatch(1);
        CountDownLatch restarted = new CountDownLatch(1);
        RunObserver holdTheCopy = new RunObserver() {
            private volatile boolean loading;

            @Override
            public void phase(Phase phase, String message) {
                loading = phase == Phase.LOADING;
            }

            @Override
            public boolean cancelRequested() {
                if (loading) {
                    // asked by the load workers between blocks of rows, inside their COPY
                    copying.countDown();
                    await(restarted);
                }
                return false;
            }
        };
        CompletableFuture<RebuildResult> run = CompletableFuture.supplyAsync(
                () -> orchestrator.rebuild(RebuildFixture.request(generated), holdTheCopy));
        assertTrue(copying.await(120, TimeUnit.SECONDS), "the load never started");
        int terminated;
        try {
            restarting.down(Duration.ofSeconds(2));
            terminated = terminateEveryOtherSession();
        } finally {
            restarted.countDown();
        }
        assertTrue(terminated >= 2, "the lock session and a COPY session at least, got " + terminated);

        long t0 = System.nanoTime();
        Exception e = assertThrows(Exception.class, () -> run.get(120, TimeUnit.SECONDS));
        long endedAfterMs = (System.nanoTime() - t0) / 1_000_000;
        KfmException failure = (KfmException) e.getCause();

        JsonNode row = fx.lastRun("rebuild");
        assertEquals("FAILED", row.get("outcome").asText(), row.toString());
        assertFalse(row.get("finished_at").isNull(), "ended, not left open for a later run to abandon");
        assertEquals(failure.rule(), row.get("error_rule").asText());
        assertTrue(row.get("error_message").asText().contains("terminating connection")
                || row.get("error_message").asText().contains("I/O error"), row.get("error_message").asText());
        assertTrue(row.get("error_message").asText().contains("Live projection untouched"), row.toString());
        assertEquals(java.util.List.of(), ReceiptSchema.violations(row.get("receipt")));
        assertTrue(endedAfterMs < 30_000, "recorded within the reconnect window, took " + endedAfterMs + " ms");
        assertTrue(restarting.refused() > 0, "the end was first tried while the server was down");
        RunSummary shown = fx.operations().status(1).recentRuns().get(0);
        assertEquals(row.get("run_id").asText(), shown.runId().toString());
        assertEquals("FAILED", shown.outcome(), "status tells the truth at once");
    }

    /** Ends every session of the test database but this one, as a fast restart of the server would. */
    private static int terminateEveryOtherSession() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                        + "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The pool, except that for a while after {@link #down} every new borrow is refused as a server
     * that is restarting refuses connections.
     */
    private static final class RestartingDataSource implements DataSource {
        private final DataSource pool;
        private volatile long upAt;
        private final AtomicInteger refused = new AtomicInteger();

        RestartingDataSource(DataSource pool) {
            this.pool = pool;
        }

        void down(Duration d) {
            upAt = System.nanoTime() + d.toNanos();
        }

        int refused() {
            return refused.get();
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (System.nanoTime() < upAt) {
                refused.incrementAndGet();
                throw new SQLException("Connection to 127.0.0.1 refused: the server is restarting", "08001");
            }
            return pool.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return pool.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return pool.isWrapperFor(iface);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
