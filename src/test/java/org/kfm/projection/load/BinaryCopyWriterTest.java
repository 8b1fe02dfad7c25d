package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BinaryCopyWriterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final BinaryCopyWriter writer = new BinaryCopyWriter(out);

    private String hex() {
        String h = HexFormat.of().formatHex(out.toByteArray());
        out.reset();
        return h;
    }

    @Test
    void headerIsTheSignatureWithNoFlagsAndNoExtension() throws IOException {
        writer.header();
        assertEquals("5047434f50590aff0d0a00" + "00000000" + "00000000", hex());
    }

    @Test
    void encodesEachFieldAsLengthThenBytesAndNullAsMinusOne() throws IOException {
        writer.row(6).text("é").nul().int8(-2).jsonb("{}").text("ab#".getBytes(), 1234).bytes(new byte[0]);
        writer.endRow();
        assertEquals("0006"
                + "00000002c3a9"
                + "ffffffff"
                + "00000008fffffffffffffffe"
                + "00000003017b7d"
                + "00000007" + "6162233132333" + "4"
                + "00000000", hex());
        assertEquals(1, writer.rows());
    }

    @Test
    void trailerIsMinusOneFieldCount() throws IOException {
        writer.trailer();
        assertEquals("ffff", hex());
    }

    @Test
    void refusesRowsWithTheWrongNumberOfFields() {
        writer.row(2).nul();
        assertThrows(IllegalStateException.class, writer::endRow);
        assertThrows(IllegalStateException.class, () -> writer.nul().nul());
    }

    @Test
    void timestamptzIsMicrosecondsSince2000() {
        assertEquals(0, BinaryCopyWriter.timestamptz(Instant.parse("2000-01-01T00:00:00Z")));
        assertEquals(-1, BinaryCopyWriter.timestamptz(Instant.parse("1999-12-31T23:59:59.999999Z")));
        assertEquals(757_382_400_000_001L, BinaryCopyWriter.timestamptz(Instant.parse("2024-01-01T00:00:00.000001Z")));
        assertThrows(IllegalArgumentException.class,
                () -> BinaryCopyWriter.timestamptz(Instant.parse("2024-01-01T00:00:00.0000001Z")));
    }

    @Test
    void roundsToMicrosecondsHalfUp() {
        assertEquals(Instant.parse("2024-01-01T00:00:00.000001Z"),
                BinaryCopyWriter.roundToMicros(Instant.parse("2024-01-01T00:00:00.0000005Z")));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"),
                BinaryCopyWriter.roundToMicros(Instant.parse("2024-01-01T00:00:00.000000499Z")));
        assertEquals(Instant.parse("2024-01-01T00:00:01Z"),
                BinaryCopyWriter.roundToMicros(Instant.parse("2024-01-01T00:00:00.9999995Z")));
    }
}
