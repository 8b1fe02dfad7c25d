package org.kfm.projection.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.migrate.MigrationSource;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.testing.TestDatabase;

/**
 * Four readers query the live projection without pause (autocommit and in transactions, server-prepared
 * statements, explicit column lists, the kfm_features_in_bbox function) while two real generations,
 * built by the projection migrations, are swapped back and forth 50 times.
 */
class ReadersDuringSwapsIT {
    private static final int SWAPS = 50;
    private static final int ROWS = 40;
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static AgroalDataSource pool;

    @BeforeAll
    static void createDatabase() throws SQLException {
        // a pool, as in the service: the swap runs on a warm connection
        pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(p -> p
                .maxSize(4).acquisitionTimeout(Duration.ofSeconds(10))
                .connectionFactoryConfiguration(f -> f.jdbcUrl(db.jdbcUrl()))));
    }

    @AfterAll
    static void dropDatabase() {
        pool.close();
    }

    // swap k is in flight while started > done; expected is the marker live has after done swaps
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private volatile String expected;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Queue<String> stale = new ConcurrentLinkedQueue<>();

    @Test
    void readersSeeEachNewGenerationAtTheirNextQueryWithoutErrors() throws Exception {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        SchemaSwapper swapper = new SchemaSwapper(pool, settings);
        build(n.shadow(), "gen-a");
        swapper.swap(1, null, SwapHook.NONE);
        build(n.shadow(), "gen-b");
        expected = "gen-a";

        for (int i = 0; i < 20; i++) {
            swapBack(swapper, n, null); // warm up the JVM and the pooled connection
        }
        SwapFigures idle = new SwapFigures("idle");
        for (int i = 0; i < 30; i++) {
            idle.add(swapBack(swapper, n, null));
        }
        Reader[] readers = new Reader[4];
        ExecutorService threads = Executors.newFixedThreadPool(readers.length);
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new Reader(i, n.live());
            threads.submit(readers[i]);
        }
        SwapFigures busy = new SwapFigures("under 4 readers");
        try {
            waitForEveryReader(readers, 0);
            for (int k = 1; k <= SWAPS; k++) {
                busy.add(swapBack(swapper, n, readers));
            }
        } finally {
            stop.set(true);
            threads.shutdown();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
        printFigures(idle, busy, readers);
        assertEquals(List.of(), List.copyOf(errors), "reader errors");
        assertEquals(List.of(), List.copyOf(stale), "stale reads");
    }

    private static void printFigures(SwapFigures idle, SwapFigures busy, Reader[] readers) {
        System.out.println(idle.line());
        System.out.println(busy.line());
        long queries = 0;
        for (Reader r : readers) {
            queries += r.queries;
            System.out.println("FIGURE reader " + r.id + " (" + r.mode() + "): " + r.queries + " queries, " + r.checked
                    + " checked against the generation live when their transaction began; after a swap, inside a"
                    + " transaction that had already read the old generation: " + r.oldInOpenTransaction + " old, "
                    + r.newInOpenTransaction + " new");
        }
        System.out.println("FIGURE " + queries + " reader queries during " + SWAPS + " swaps");
    }

    /** Swaps the other generation in, then renames the previous back to shadow for the next round. */
    private SwapResult swapBack(SchemaSwapper swapper, GenerationNames n, Reader[] readers) throws Exception {
        String next = "gen-a".equals(expected) ? "gen-b" : "gen-a";
        long k = started.incrementAndGet();
        SwapResult r = swapper.swap(k + 1, null, SwapHook.NONE);
        expected = next;
        done.incrementAndGet();
        if (readers != null) {
            waitForEveryReader(readers, k);
        }
        db.execute("ALTER SCHEMA " + n.previous().quoted() + " RENAME TO " + n.shadow().quoted());
        return r;
    }

    /** Every reader must complete a transaction that began after swap {@code k} committed. */
    private void waitForEveryReader(Reader[] readers, long k) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Reader r : readers) {
            while (r.lastCheckedSwap < k) {
                assertTrue(System.nanoTime() < deadline && errors.isEmpty(), "reader " + r.id + " stuck after swap "
                        + k + "; errors: " + errors);
                Thread.sleep(1);
            }
        }
    }

    private void build(PgIdentifier schema, String marker) {
        new SchemaMigrator(db.dataSource(), MigrationSource.load("filesystem:" + TestDatabase.repoRoot()
                + "/migrations/postgis"), "", Clock.systemUTC()).migrate(schema, null);
        db.execute("INSERT INTO " + schema.quoted() + ".feature_geom (dataset_version_id, feature_id, geom,"
                + " properties, evidence_ref, updated_at, feature_index) SELECT '" + marker + "', 'f' || i,"
                + " ST_SetSRID(ST_MakePoint(-98 + i * 0.01, 38), 4326), '{}', 'item/a#' || i,"
                + " '2024-05-01T00:00:00Z', i FROM generate_series(1, " + ROWS + ") i");
        db.execute("ANALYZE " + schema.quoted() + ".feature_geom");
    }

    private final class Reader implements Runnable {
        final int id;
        final PgIdentifier live;
        volatile long lastCheckedSwap = -1;
        long queries;
        long checked;
        /** statements after a swap's commit, in a transaction begun before it, that still saw the old generation */
        long oldInOpenTransaction;
        long newInOpenTransaction;

        Reader(int id, PgIdentifier live) {
            this.id = id;
            this.live = live;
        }

        boolean inTransactions() {
            return id % 2 == 1;
        }

        String mode() {
            return (inTransactions() ? "transactions of 3 statements" : "autocommit") + ", "
                    + (id < 2 ? "table with explicit columns" : "kfm_features_in_bbox");
        }

        @Override
        public void run() {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl() + "&prepareThreshold=1")) {
                c.setAutoCommit(!inTransactions());
                PreparedStatement ps = c.prepareStatement(id < 2
                        ? "SELECT dataset_version_id, count(*) FROM " + live.quoted() + ".feature_geom"
                                + " WHERE feature_id LIKE ? GROUP BY dataset_version_id"
                        : "SELECT dataset_version_id, count(*) FROM " + live.quoted()
                                + ".kfm_features_in_bbox(?, 37, 0, 39) GROUP BY dataset_version_id");
                while (!stop.get()) {
                    transaction(c, ps, inTransactions() ? 3 : 1);
                }
            } catch (SQLException | RuntimeException e) {
                errors.add("reader " + id + ": " + e);
            }
        }

        /**
         * Autocommit: one statement per transaction. A statement is checked against the generation
         * that was live when its transaction began, provided no swap began or was in flight since:
         * so a transaction reader's check is its next transaction after a swap, not its next statement.
         */
        private void transaction(Connection c, PreparedStatement ps, int statements) throws SQLException {
            long doneBefore = done.get();
            String want = expected;
            long startedBefore = started.get();
            boolean readOld = false;
            for (int i = 0; i < statements; i++) {
                boolean afterCommit = done.get() > doneBefore;
                List<String> seen = run(ps);
                queries++;
                if (startedBefore == doneBefore && started.get() == startedBefore) {
                    checked++;
                    if (!seen.equals(List.of(want + "x" + ROWS))) {
                        stale.add("reader " + id + " after swap " + doneBefore + ": wanted " + want + ", saw " + seen);
                    }
                    lastCheckedSwap = doneBefore;
                } else if (!seen.equals(List.of("gen-ax" + ROWS)) && !seen.equals(List.of("gen-bx" + ROWS))) {
                    errors.add("reader " + id + " during a swap saw neither generation whole: " + seen);
                } else if (afterCommit && readOld) {
                    if (seen.equals(List.of(want + "x" + ROWS))) {
                        oldInOpenTransaction++;
                    } else {
                        newInOpenTransaction++;
                    }
                }
                readOld |= !afterCommit && seen.equals(List.of(want + "x" + ROWS));
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        private List<String> run(PreparedStatement ps) throws SQLException {
            if (id < 2) {
                ps.setString(1, "f%");
            } else {
                ps.setDouble(1, -180);
            }
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
