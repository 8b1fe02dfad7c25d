package org.kfm.projection.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kfm.projection.testing.TestDatabase;

/**
 * {@link PgHash} returns what the server returns: every length from 0 to 300 bytes (all tail cases,
 * several 12-byte blocks), a few long inputs, zero and non-zero seeds, and the two-column record hash
 * the geometry digest uses.
 */
class PgHashIT {
    private static final long[] SEEDS = {0, 1, -1, 0x1234_5678_9abc_def0L, Long.MIN_VALUE};
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static Connection c;

    @BeforeAll
    static void connect() throws SQLException {
        c = db.connect();
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
    }

    @Test
    void byteHashEqualsTheServersForEveryTailLengthAndSeed() throws SQLException {
        SplittableRandom random = new SplittableRandom(7);
        try (PreparedStatement ps = c.prepareStatement("SELECT hash_record_extended(ROW(?::bytea), ?)")) {
            for (int length : lengths()) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                for (long seed : SEEDS) {
                    ps.setBytes(1, data);
                    ps.setLong(2, seed);
                    assertEquals(server(ps), PgHash.bytesExtended(data, 0, length, seed),
                            "length " + length + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void hashesASliceOfALargerBufferAsTheSliceAlone() throws SQLException {
        byte[] buffer = new byte[64];
        new SplittableRandom(11).nextBytes(buffer);
        byte[] slice = java.util.Arrays.copyOfRange(buffer, 5, 42);
        try (PreparedStatement ps = c.prepareStatement("SELECT hash_record_extended(ROW(?::bytea), 3)")) {
            ps.setBytes(1, slice);
            assertEquals(server(ps), PgHash.bytesExtended(buffer, 5, 37, 3));
        }
    }

    @Test
    void recordHashOfTwoColumnsEqualsTheServers() throws SQLException {
        SplittableRandom random = new SplittableRandom(13);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT hash_record_extended(ROW(convert_to(?, 'UTF8'), ?::bytea), ?)")) {
            for (String id : new String[] {"", "a", "pt-1", "b-ü-東京", "x".repeat(40)}) {
                byte[] ewkb = new byte[5 + random.nextInt(200)];
                random.nextBytes(ewkb);
                byte[] padded = java.util.Arrays.copyOf(ewkb, ewkb.length + 9);
                for (long seed : SEEDS) {
                    ps.setString(1, id);
                    ps.setBytes(2, ewkb);
                    ps.setLong(3, seed);
                    assertEquals(server(ps), PgHash.recordExtended(id.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            padded, ewkb.length, seed), "id " + id + ", seed " + seed);
                }
            }
        }
    }

    private static int[] lengths() {
        int[] out = new int[301 + 3];
        for (int i = 0; i <= 300; i++) {
            out[i] = i;
        }
        out[301] = 4096;
        out[302] = 65_537;
        out[303] = 1 << 20;
        return out;
    }

    private static long server(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
