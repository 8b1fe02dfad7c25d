package org.kfm.projection.load;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encodes rows in PostgreSQL's binary COPY format ({@code COPY ... FROM STDIN (FORMAT binary)}): the
 * signature header, then per row an int16 field count and each field as an int32 byte length (-1 for
 * NULL) followed by the type's binary send format, then the int16 -1 trailer. All integers are
 * big-endian. A row is assembled in one reusable buffer and handed to the stream in one write, so the
 * stream (pgjdbc's {@code PGCopyOutputStream}) sees whole rows. Not thread-safe.
 *
 * <p>Binary formats used: {@code text} = the UTF-8 bytes (pgjdbc always sets client_encoding UTF8);
 * {@code bigint} = 8 bytes; {@code timestamptz} = int64 microseconds since 2000-01-01 00:00 UTC
 * (integer datetimes, the only kind since PostgreSQL 10); {@code jsonb} = version byte 1 then the JSON
 * text; {@code geometry} = WKB or EWKB, which PostGIS's {@code geometry_recv} parses.
 */
final class BinaryCopyWriter {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z in microseconds since the Unix epoch. */
    static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte JSONB_VERSION = 1;

    private final OutputStream out;
    private byte[] buf = new byte[4096];
    private int pos;
    private int fieldsLeft;
    private long rows;

    BinaryCopyWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Writes the file header: signature, flags 0 (no OIDs), header extension length 0. */
    void header() throws IOException {
        pos = 0;
        put(SIGNATURE, 0, SIGNATURE.length);
        putInt(0);
        putInt(0);
        flush();
    }

    /** Starts a row of {@code fields} fields; exactly that many field calls must follow. */
    BinaryCopyWriter row(int fields) {
        if (fieldsLeft != 0) {
            throw new IllegalStateException("previous row still expects " + fieldsLeft + " field(s)");
        }
        pos = 0;
        fieldsLeft = fields;
        putShort(fields);
        return this;
    }

    /** Sends the row assembled since {@link #row}. */
    void endRow() throws IOException {
        if (fieldsLeft != 0) {
            throw new IllegalStateException("row ended with " + fieldsLeft + " field(s) missing");
        }
        flush();
        rows++;
    }

    /** Writes the trailer (field count -1). */
    void trailer() throws IOException {
        pos = 0;
        putShort(-1);
        flush();
    }

    /** Rows ended so far. */
    long rows() {
        return rows;
    }

    BinaryCopyWriter nul() {
        field();
        putInt(-1);
        return this;
    }

    /** A field whose binary format is the bytes as given (text already in UTF-8, bytea, EWKB). */
    BinaryCopyWriter bytes(byte[] value) {
        return bytes(value, value.length);
    }

    /** A field of the first {@code length} bytes of {@code value} (a reused buffer). */
    BinaryCopyWriter bytes(byte[] value, int length) {
        field();
        putInt(length);
        put(value, 0, length);
        return this;
    }

    /** A {@code text} field. */
    BinaryCopyWriter text(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code text} field: UTF-8 {@code prefix} followed by {@code number} in decimal, without garbage. */
    BinaryCopyWriter text(byte[] prefix, long number) {
        field();
        String digits = Long.toString(number);
        putInt(prefix.length + digits.length());
        put(prefix, 0, prefix.length);
        ensure(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            buf[pos++] = (byte) digits.charAt(i);
        }
        return this;
    }

    /** A {@code bigint} field. */
    BinaryCopyWriter int8(long value) {
        field();
        putInt(8);
        putLong(value);
        return this;
    }

    /** A {@code timestamptz} field, in microseconds since 2000-01-01 UTC (see {@link #timestamptz(Instant)}). */
    BinaryCopyWriter timestamptzMicros(long postgresMicros) {
        return int8(postgresMicros);
    }

    /** A {@code jsonb} field from JSON text (the server parses and checks it). */
    BinaryCopyWriter jsonb(String json) {
        return jsonb(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code jsonb} field from the UTF-8 text of a JSON value (any whitespace; the server normalizes it). */
    BinaryCopyWriter jsonb(byte[] utf8) {
        field();
        putInt(1 + utf8.length);
        ensure(1);
        buf[pos++] = JSONB_VERSION;
        put(utf8, 0, utf8.length);
        return this;
    }

    /**
     * Microseconds since 2000-01-01 UTC, the {@code timestamptz} binary value; sub-microsecond parts
     * must already be rounded away (see {@link #roundToMicros}), as PostgreSQL keeps microseconds.
     */
    static long timestamptz(Instant instant) {
        if (instant.getNano() % 1000 != 0) {
            throw new IllegalArgumentException("round " + instant + " to microseconds first");
        }
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        return Math.subtractExact(micros, POSTGRES_EPOCH_MICROS);
    }

    /** Rounds half up to whole microseconds, as PostgreSQL does when it parses a finer timestamp. */
    static Instant roundToMicros(Instant instant) {
        int nanos = instant.getNano() % 1000;
        Instant down = instant.minusNanos(nanos);
        return nanos >= 500 ? down.plusNanos(1000) : down;
    }

    private void field() {
        if (--fieldsLeft < 0) {
            fieldsLeft = 0;
            throw new IllegalStateException("more fields than the row declared");
        }
    }

    private void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    private void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    private void putShort(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putInt(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
