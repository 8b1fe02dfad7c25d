package org.kfm.projection.digest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * PostgreSQL's 64-bit byte hash, {@code hash_bytes_extended} in {@code src/common/hashfn.c} (Bob
 * Jenkins' lookup3 with a seed), as the server computes it on little-endian machines. It is what
 * {@code hashtextextended} and {@code hash_record_extended} return for a {@code bytea} or
 * deterministic-collation {@code text} value, and what hash partitioning stores on disk, so
 * PostgreSQL keeps it stable across versions. {@code PgHashIT} compares this port with the server.
 */
public final class PgHash {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private PgHash() {
    }

    /** {@code hash_bytes_extended(k[off..off+len), seed)}. */
    public static long bytesExtended(byte[] k, int off, int len, long seed) {
        int a = 0x9e3779b9 + len + 3923095;
        int b = a;
        int c = a;
        if (seed != 0) {
            a += (int) (seed >>> 32);
            b += (int) seed;
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        }
        int p = off;
        int rest = len;
        while (rest >= 12) {
            a += word(k, p);
            b += word(k, p + 4);
            c += word(k, p + 8);
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            p += 12;
            rest -= 12;
        }
        // The last 0..11 bytes; the lowest byte of c is left for the length, as in hashfn.c.
        switch (rest) {
            case 11: c += (k[p + 10] & 0xff) << 24; // fall through
            case 10: c += (k[p + 9] & 0xff) << 16; // fall through
            case 9: c += (k[p + 8] & 0xff) << 8; // fall through
            case 8: b += (k[p + 7] & 0xff) << 24; // fall through
            case 7: b += (k[p + 6] & 0xff) << 16; // fall through
            case 6: b += (k[p + 5] & 0xff) << 8; // fall through
            case 5: b += k[p + 4] & 0xff; // fall through
            case 4: a += (k[p + 3] & 0xff) << 24; // fall through
            case 3: a += (k[p + 2] & 0xff) << 16; // fall through
            case 2: a += (k[p + 1] & 0xff) << 8; // fall through
            case 1: a += k[p] & 0xff; // fall through
            default: break;
        }
        // final(a, b, c)
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return ((long) b << 32) | (c & 0xffffffffL);
    }

    /** {@code hash_record_extended} of a record of two non-null {@code bytea} (or C-collated text) columns. */
    public static long recordExtended(byte[] first, byte[] second, int secondLength, long seed) {
        long h1 = bytesExtended(first, 0, first.length, seed);
        return 31 * h1 + bytesExtended(second, 0, secondLength, seed);
    }

    private static int word(byte[] k, int p) {
        return (int) INT_LE.get(k, p);
    }
}
