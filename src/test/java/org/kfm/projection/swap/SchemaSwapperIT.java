package org.kfm.projection.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

class SchemaSwapperIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void firstSwapMakesTheShadowLiveWithoutPrevious() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        Generations.create(db, n.shadow(), "gen-1", 3);

        SwapResult r = new SchemaSwapper(db.dataSource(), settings).swap(1, null, SwapHook.NONE);

        assertEquals("swap", r.action());
        assertEquals(OptionalLong.of(1), r.generation());
        assertTrue(r.previous().isEmpty());
        assertTrue(r.retired().isEmpty());
        assertEquals(1, r.attempts());
        assertEquals("gen-1", Generations.marker(db, n.live()));
        assertFalse(Generations.exists(db, n.shadow()));
        assertEquals("kfm-projection generation 1", db.queryOne("SELECT obj_description('" + n.live()
                + "'::regnamespace, 'pg_namespace')"));
    }

    @Test
    void secondSwapKeepsPreviousAndThirdRetiresAndDropsTheOldest() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        SchemaSwapper swapper = new SchemaSwapper(db.dataSource(), settings);
        Generations.create(db, n.shadow(), "gen-1", 2);
        swapper.swap(1, null, SwapHook.NONE);
        Generations.create(db, n.shadow(), "gen-2", 2);

        SwapResult second = swapper.swap(2, null, SwapHook.NONE);
        assertEquals(n.previous().name(), second.previous().orElseThrow());
        assertTrue(second.retired().isEmpty());
        assertEquals("gen-2", Generations.marker(db, n.live()));
        assertEquals("gen-1", Generations.marker(db, n.previous()));

        Generations.create(db, n.shadow(), "gen-3", 2);
        SwapResult third = swapper.swap(3, null, SwapHook.NONE);
        assertEquals(n.retired(1).name(), third.retired().orElseThrow(), "retired under its own generation");
        assertEquals(List.of(n.retired(1).name()), third.cleanup().dropped());
        assertTrue(third.warnings().isEmpty());
        assertFalse(Generations.exists(db, n.retired(1)));
        assertEquals("gen-3", Generations.marker(db, n.live()));
        assertEquals("gen-2", Generations.marker(db, n.previous()));
    }

    @Test
    void missingShadowIsRefusedAndNothingChanges() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        Generations.create(db, settings.names().live(), "gen-1", 1);

        KfmException e = assertThrows(KfmException.class,
                () -> new SchemaSwapper(db.dataSource(), settings).swap(2, null, SwapHook.NONE));

        assertEquals("no-shadow", e.rule());
        assertTrue(e.getMessage().contains(settings.names().shadow().name()), e.getMessage());
        assertEquals("gen-1", Generations.marker(db, settings.names().live()));
    }

    @Test
    void listenerReceivesThePayloadOnlyAfterCommit() throws SQLException {
        SwapSettings settings = Generations.settings(Generations.uniqueBase())
                .withChannel(PgIdentifier.of("kfm_swap_it_" + System.nanoTime() % 100000));
        Generations.create(db, settings.names().shadow(), "gen-1", 1);
        try (Connection listener = db.connect()) {
            Generations.execute(listener, "LISTEN " + settings.channel().quoted());
            List<Integer> seenInsideTransaction = new ArrayList<>();
            SwapHook hook = c -> seenInsideTransaction.add(notifications(listener, 300).size());

            SwapResult r = new SchemaSwapper(db.dataSource(), settings).swap(1, "{\"generation\":1}", hook);

            assertEquals(List.of(0), seenInsideTransaction, "nothing is delivered before the commit");
            List<PGNotification> after = notifications(listener, 5000);
            assertEquals(1, after.size());
            assertEquals(settings.channel().name(), after.get(0).getName());
            assertEquals("{\"generation\":1}", after.get(0).getParameter());
            assertFalse(r.notifyTrimmed());
        }
    }

    @Test
    void failingHookRollsBackAndNotifiesNobody() throws SQLException {
        SwapSettings settings = Generations.settings(Generations.uniqueBase())
                .withChannel(PgIdentifier.of("kfm_swap_it_" + System.nanoTime() % 100000));
        GenerationNames n = settings.names();
        SchemaSwapper swapper = new SchemaSwapper(db.dataSource(), settings);
        Generations.create(db, n.shadow(), "gen-1", 1);
        swapper.swap(1, null, SwapHook.NONE);
        Generations.create(db, n.shadow(), "gen-2", 1);
        try (Connection listener = db.connect()) {
            Generations.execute(listener, "LISTEN " + settings.channel().quoted());

            KfmException e = assertThrows(KfmException.class, () -> swapper.swap(2, "{}", c -> {
                throw new SQLException("ops record refused", "23505");
            }));

            assertEquals("swap-hook-failed", e.rule());
            assertTrue(e.getMessage().contains("was rolled back: nothing was changed"), e.getMessage());
            assertTrue(notifications(listener, 500).isEmpty());
        }
        assertEquals("gen-1", Generations.marker(db, n.live()));
        assertEquals("gen-2", Generations.marker(db, n.shadow()));
        assertFalse(Generations.exists(db, n.previous()));
    }

    @Test
    void oversizedPayloadIsReplacedBySummary() throws SQLException {
        SwapSettings settings = Generations.settings(Generations.uniqueBase())
                .withChannel(PgIdentifier.of("kfm_swap_it_" + System.nanoTime() % 100000));
        Generations.create(db, settings.names().shadow(), "gen-1", 1);
        String huge = "{\"datasets\":[" + "\"x\",".repeat(5000) + "\"y\"]}";
        try (Connection listener = db.connect()) {
            Generations.execute(listener, "LISTEN " + settings.channel().quoted());

            SwapResult r = new SchemaSwapper(db.dataSource(), settings).swap(7, huge, SwapHook.NONE);

            assertTrue(r.notifyTrimmed());
            String payload = notifications(listener, 5000).get(0).getParameter();
            assertTrue(payload.contains("\"generation\":7") && payload.contains("\"truncated\":true"), payload);
        }
    }

    @Test
    void generationRecordedByTheHookCommitsWithTheSwap() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        db.execute("CREATE SCHEMA IF NOT EXISTS kfm_ops");
        db.execute("CREATE TABLE IF NOT EXISTS kfm_ops.gen_it (base text, n bigint)");
        Generations.create(db, settings.names().shadow(), "gen-1", 1);

        new SchemaSwapper(db.dataSource(), settings).swap(4, null, c -> Generations.execute(c,
                "INSERT INTO kfm_ops.gen_it VALUES ('" + settings.names().base() + "', 4)"));

        assertEquals("4", db.queryOne("SELECT n FROM kfm_ops.gen_it WHERE base = '" + settings.names().base() + "'"));
        assertNull(db.queryOne("SELECT 1 WHERE EXISTS (SELECT FROM pg_namespace WHERE nspname = '"
                + settings.names().shadow() + "')"));
    }

    static List<PGNotification> notifications(Connection listener, int waitMillis) throws SQLException {
        PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(waitMillis);
        return got == null ? List.of() : List.of(got);
    }
}
