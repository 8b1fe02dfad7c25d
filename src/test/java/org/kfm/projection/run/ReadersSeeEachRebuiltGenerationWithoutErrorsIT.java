package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.history.RunOutcome;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * Four readers query live without pause through pgjdbc (autocommit and transactions of three
 * statements, server-prepared from the first use, explicit column lists, the table and the
 * {@code kfm_features_in_bbox} function) while six real rebuilds alternate between two catalogs
 * whose landmarks differ in dataset version: no reader sees an error, and after each rebuild every
 * reader's next transaction sees the new generation's landmarks, all of them.
 */
class ReadersSeeEachRebuiltGenerationWithoutErrorsIT {
    private static final String A = "kansas-landmarks-20250314";
    private static final String B = "kansas-landmarks-20250901";
    private static final int REBUILDS = 6;
    private static final int LANDMARKS = 12;
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static RebuildFixture fx;
    private static Path catalogA;
    private static Path catalogB;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() {
        fx = RebuildFixture.builder(db, "it_readers").build();
        catalogA = TestCatalogs.copySample(dir.resolve("a"));
        catalogB = TestCatalogs.copySample(dir.resolve("b"));
        Path item = dir.resolve("b").resolve(TestCatalogs.LANDMARKS);
        TestCatalogs.editAsset(item, "data", s -> s.replace("-100.7631", "-100.7641"));
        TestCatalogs.editProperties(item, p -> p.put("kfm:dataset_version_id", B));
        fx.rebuild(catalogA);
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    // a swap is in flight while started > done; expected is the landmarks version live has after done rebuilds
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private volatile String expected = A;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Queue<String> stale = new ConcurrentLinkedQueue<>();

    @Test
    void readersSeeEveryNewGenerationAtTheirNextTransactionWithoutErrors() throws Exception {
        Reader[] readers = new Reader[4];
        ExecutorService threads = Executors.newFixedThreadPool(readers.length);
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new Reader(i);
            threads.submit(readers[i]);
        }
        RunObserver swapWatch = new RunObserver() {
            @Override
            public void phase(Phase phase, String message) {
                if (phase == Phase.SWAPPING) {
                    started.incrementAndGet();
                }
            }
        };
        try {
            waitForEveryReader(readers, 0);
            for (int k = 1; k <= REBUILDS; k++) {
                String next = k % 2 == 1 ? B : A;
                RebuildResult r = fx.orchestrator().rebuild(RebuildFixture.request(k % 2 == 1 ? catalogB : catalogA),
                        swapWatch);
                assertEquals(RunOutcome.SUCCEEDED, r.outcome(), r.summary());
                assertEquals(k + 1L, r.generation());
                expected = next;
                done.incrementAndGet();
                waitForEveryReader(readers, k);
            }
        } finally {
            stop.set(true);
            threads.shutdown();
            assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
        }
        long queries = 0;
        for (Reader r : readers) {
            queries += r.queries;
            System.out.println("FIGURE reader " + r.id + " (" + r.mode() + "): " + r.queries + " queries, "
                    + r.checked + " checked against the generation live when their transaction began");
        }
        System.out.println("FIGURE " + queries + " reader queries during " + REBUILDS + " rebuilds");
        assertEquals(List.of(), List.copyOf(errors), "reader errors");
        assertEquals(List.of(), List.copyOf(stale), "stale reads");
    }

    /** Every reader must complete a checked transaction that began after rebuild {@code k} returned. */
    private void waitForEveryReader(Reader[] readers, long k) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Reader r : readers) {
            while (r.lastCheckedRebuild < k) {
                assertTrue(System.nanoTime() < deadline && errors.isEmpty(), "reader " + r.id + " stuck after rebuild "
                        + k + "; errors: " + errors);
                Thread.sleep(1);
            }
        }
    }

    private final class Reader implements Runnable {
        final int id;
        volatile long lastCheckedRebuild = -1;
        long queries;
        long checked;

        Reader(int id) {
            this.id = id;
        }

        boolean inTransactions() {
            return id % 2 == 1;
        }

        String mode() {
            return (inTransactions() ? "transactions of 3 statements" : "autocommit") + ", "
                    + (id < 2 ? "feature_geom with explicit columns" : "kfm_features_in_bbox");
        }

        @Override
        public void run() {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl() + "&prepareThreshold=1")) {
                c.setAutoCommit(!inTransactions());
                PreparedStatement ps = c.prepareStatement(id < 2
                        ? "SELECT dataset_version_id, count(*) FROM it_readers.feature_geom"
                                + " WHERE dataset_version_id LIKE ? GROUP BY dataset_version_id"
                        : "SELECT dataset_version_id, count(*) FROM it_readers.kfm_features_in_bbox(-180, -90, 180, 90)"
                                + " WHERE dataset_version_id LIKE ? GROUP BY dataset_version_id");
                while (!stop.get()) {
                    transaction(c, ps, inTransactions() ? 3 : 1);
                }
            } catch (SQLException | RuntimeException e) {
                errors.add("reader " + id + ": " + e);
            }
        }

        /**
         * A statement is checked against the generation live when its transaction began, provided no
         * swap began or was in flight since; otherwise it must see one generation whole.
         */
        private void transaction(Connection c, PreparedStatement ps, int statements) throws SQLException {
            long doneBefore = done.get();
            String want = expected;
            long startedBefore = started.get();
            for (int i = 0; i < statements; i++) {
                List<String> seen = run(ps);
                queries++;
                if (startedBefore == doneBefore && started.get() == startedBefore && done.get() == doneBefore) {
                    checked++;
                    if (!seen.equals(List.of(want + "x" + LANDMARKS))) {
                        stale.add("reader " + id + " after rebuild " + doneBefore + ": wanted " + want + ", saw " + seen);
                    }
                    lastCheckedRebuild = doneBefore;
                } else if (!seen.equals(List.of(A + "x" + LANDMARKS)) && !seen.equals(List.of(B + "x" + LANDMARKS))) {
                    errors.add("reader " + id + " during a swap saw neither generation whole: " + seen);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        private List<String> run(PreparedStatement ps) throws SQLException {
            ps.setString(1, "kansas-landmarks%");
            List<String> seen = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen.add(rs.getString(1) + "x" + rs.getLong(2));
                }
            }
            return seen;
        }
    }
}
