package org.kfm.projection.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.TestDatabase;
import org.postgresql.PGConnection;

class RollbackAndPruneIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    /** live = gen-2, prev = gen-1 */
    private static SchemaSwapper twoGenerations(SwapSettings settings) {
        SchemaSwapper swapper = new SchemaSwapper(db.dataSource(), settings);
        Generations.create(db, settings.names().shadow(), "gen-1", 2);
        swapper.swap(1, null, SwapHook.NONE);
        Generations.create(db, settings.names().shadow(), "gen-2", 2);
        swapper.swap(2, null, SwapHook.NONE);
        return swapper;
    }

    @Test
    void rollbackTradesLiveAndPreviousAndBackAgain() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        SchemaSwapper swapper = twoGenerations(settings);

        SwapResult back = swapper.rollback(null, SwapHook.NONE);
        assertEquals("rollback", back.action());
        assertEquals(OptionalLong.of(1), back.generation());
        assertEquals("gen-1", Generations.marker(db, n.live()));
        assertEquals("gen-2", Generations.marker(db, n.previous()));
        assertFalse(Generations.exists(db, n.rollbackTemp()));

        swapper.rollback(null, SwapHook.NONE);
        assertEquals("gen-2", Generations.marker(db, n.live()));
        assertEquals("gen-1", Generations.marker(db, n.previous()));
    }

    @Test
    void rollbackWithoutPreviousIsRefusedClearly() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        SchemaSwapper swapper = new SchemaSwapper(db.dataSource(), settings);
        Generations.create(db, settings.names().shadow(), "gen-1", 1);
        swapper.swap(1, null, SwapHook.NONE);

        KfmException e = assertThrows(KfmException.class, () -> swapper.rollback(null, SwapHook.NONE));

        assertEquals("no-previous-generation", e.rule());
        assertEquals(ErrorCode.BAD_USAGE, e.code());
        assertTrue(e.getMessage().contains("no previous generation") && e.getMessage().contains("Nothing was changed"),
                e.getMessage());
        assertEquals("gen-1", Generations.marker(db, settings.names().live()));
    }

    @Test
    void pruneDropsPreviousAndRetiredButNotLive() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        SchemaSwapper swapper = twoGenerations(settings);
        Generations.create(db, n.retired(7), "left-over", 1);

        PruneResult r = swapper.prune();

        assertEquals(List.of(n.retired(7).name(), n.previous().name()), r.dropped());
        assertTrue(r.complete());
        assertFalse(Generations.exists(db, n.previous()));
        assertEquals("gen-2", Generations.marker(db, n.live()));
        assertTrue(swapper.prune().dropped().isEmpty(), "nothing left to prune");
    }

    @Test
    void readerInsideTheRetiredGenerationTurnsItsDropIntoAWarningAndPruneRetries() throws SQLException {
        SwapSettings settings = Generations.settings(Generations.uniqueBase())
                .withLockTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200));
        GenerationNames n = settings.names();
        SchemaSwapper swapper = new SchemaSwapper(db.dataSource(), settings);
        Generations.create(db, n.shadow(), "gen-1", 2);
        swapper.swap(1, null, SwapHook.NONE);
        try (Connection reader = db.connect()) {
            reader.setAutoCommit(false);
            Generations.execute(reader, "SELECT count(*) FROM " + n.live().quoted() + ".feature_geom"); // gen-1
            Generations.create(db, n.shadow(), "gen-2", 2);
            swapper.swap(2, null, SwapHook.NONE);
            Generations.create(db, n.shadow(), "gen-3", 2);

            SwapResult third = swapper.swap(3, null, SwapHook.NONE); // gen-1 retired; the reader still holds it

            assertEquals("gen-3", Generations.marker(db, n.live()), "the swap itself succeeded");
            assertEquals(1, third.cleanup().notDropped().size(), third.toString());
            DropFailure f = third.cleanup().notDropped().get(0);
            assertEquals(n.retired(1).name(), f.schema());
            assertEquals("55P03", f.sqlState());
            int readerPid = reader.unwrap(PGConnection.class).getBackendPID();
            assertTrue(f.blockers().stream().anyMatch(b -> b.pid() == readerPid), f.toString());
            assertTrue(third.warnings().get(0).contains("pid " + readerPid), third.warnings().toString());
            reader.commit();
        }
        PruneResult r = swapper.prune();
        assertEquals(List.of(n.retired(1).name(), n.previous().name()), r.dropped());
    }

    @Test
    void pruneKeepsASchemaThatOutsideObjectsDependOn() {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        SchemaSwapper swapper = twoGenerations(settings);
        String reports = n.base() + "_reports_x";
        db.execute("CREATE SCHEMA " + reports);
        db.execute("CREATE VIEW " + reports + ".old_features AS SELECT feature_id FROM " + n.previous().quoted()
                + ".feature_geom");

        PruneResult r = swapper.prune();

        assertTrue(r.dropped().isEmpty());
        DropFailure f = r.notDropped().get(0);
        assertEquals(n.previous().name(), f.schema());
        assertEquals(reports + ".old_features", f.dependents().get(0).name());
        assertTrue(Generations.exists(db, n.previous()), "DROP ... CASCADE would have taken the view with it");
    }
}
