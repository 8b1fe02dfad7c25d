package org.kfm.projection.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.testing.TestDatabase;

/** What readers see across a swap, for the reader authors' notes in docs/swap.md. */
class ReaderSemanticsIT {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static Connection serverPreparing() throws SQLException {
        return serverPreparing("");
    }

    private static Connection serverPreparing(String more) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl() + "&prepareThreshold=1" + more);
    }

    private static int rowsOf(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        }
    }

    private static int columnsOf(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.getMetaData().getColumnCount();
        }
    }

    @Test
    void repeatableReadSnapshotOlderThanTheNewGenerationSeesItEmpty() throws SQLException {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        Generations.create(db, n.live(), "gen-1", 5);
        try (Connection reader = db.connect()) {
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            PreparedStatement count = reader.prepareStatement("SELECT * FROM " + n.live().quoted() + ".feature_geom");
            assertEquals(5, rowsOf(count)); // the snapshot is taken here

            Generations.create(db, n.shadow(), "gen-2", 7); // loaded after the reader's snapshot
            new SchemaSwapper(db.dataSource(), settings).swap(2, null, SwapHook.NONE);

            assertEquals(0, rowsOf(count), "the new generation's rows are newer than the snapshot: empty, no error");
            reader.commit();
            assertEquals(7, rowsOf(count));
        }
    }

    @Test
    void serverPreparedSelectStarFailsOnceInATransactionAfterAColumnChange() throws SQLException {
        SwapSettings settings = Generations.settings(Generations.uniqueBase());
        GenerationNames n = settings.names();
        SchemaSwapper swapper = new SchemaSwapper(db.dataSource(), settings);
        Generations.create(db, n.live(), "gen-1", 2);
        Generations.create(db, n.shadow(), "gen-2", 2);
        db.execute("ALTER TABLE " + n.shadow().quoted() + ".feature_geom ADD COLUMN feature_index bigint");
        String table = n.live().quoted() + ".feature_geom";
        try (Connection tx = serverPreparing(); Connection auto = serverPreparing();
                Connection saving = serverPreparing("&autosave=conservative")) {
            tx.setAutoCommit(false);
            saving.setAutoCommit(false);
            PreparedStatement savingStar = saving.prepareStatement("SELECT * FROM " + table);
            assertEquals(4, columnsOf(savingStar));
            saving.commit();
            PreparedStatement star = tx.prepareStatement("SELECT * FROM " + table);
            PreparedStatement listed = tx.prepareStatement("SELECT dataset_version_id, feature_id FROM " + table);
            PreparedStatement autoStar = auto.prepareStatement("SELECT * FROM " + table);
            assertEquals(4, columnsOf(star));
            assertEquals(2, rowsOf(listed));
            assertEquals(4, columnsOf(autoStar));
            tx.commit();

            swapper.swap(2, null, SwapHook.NONE); // 4 columns -> 5

            assertEquals(5, columnsOf(autoStar), "autocommit: pgjdbc re-prepares and retries transparently");
            assertEquals(5, columnsOf(savingStar), "autosave=conservative: retried after a savepoint");
            saving.commit();
            assertEquals(2, rowsOf(listed), "explicit column list: re-planned, no error");
            SQLException e = assertThrows(SQLException.class, () -> columnsOf(star));
            assertEquals("0A000", e.getSQLState(), e.getMessage()); // cached plan must not change result type
            tx.rollback();
            assertEquals(5, columnsOf(star), "once: the next transaction re-prepares");
            tx.commit();
        }
    }
}
