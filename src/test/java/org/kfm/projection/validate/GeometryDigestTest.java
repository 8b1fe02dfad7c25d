package org.kfm.projection.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class GeometryDigestTest {
    @Test
    void reducesLaneSumsModulo2To64AsTwosComplement() {
        BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
        // -1 and 2^64 - 1 are the same lane value; 2^64 + 5 wraps to 5.
        assertEquals("md5sum:2:ffffffffffffffff0000000000000005",
                GeometryDigest.of(2, BigInteger.valueOf(-1), twoTo64.add(BigInteger.valueOf(5))));
        assertEquals(GeometryDigest.of(3, Long.MIN_VALUE, 1L),
                GeometryDigest.of(3, BigInteger.valueOf(Long.MIN_VALUE).subtract(twoTo64.multiply(BigInteger.TEN)),
                        BigInteger.ONE));
    }

    @Test
    void matchesJavaLongAdditionOverManyRows() {
        ReferenceDigest reference = new ReferenceDigest();
        BigInteger a = BigInteger.ZERO;
        BigInteger b = BigInteger.ZERO;
        for (int i = 0; i < 1000; i++) {
            byte[] ewkb = {1, (byte) i, (byte) (i >> 8)};
            reference.add("f-" + i, ewkb);
            java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(md5("f-" + i, ewkb));
            a = a.add(BigInteger.valueOf(h.getLong(0)));
            b = b.add(BigInteger.valueOf(h.getLong(8)));
        }
        assertEquals(reference.digest(), GeometryDigest.of(1000, a, b));
    }

    @Test
    void emptyDigestAndFormat() {
        assertEquals("md5sum:0:00000000000000000000000000000000", GeometryDigest.EMPTY);
        assertEquals(GeometryDigest.EMPTY, new ReferenceDigest().digest());
        assertTrue(GeometryDigest.isWellFormed(GeometryDigest.EMPTY));
        assertFalse(GeometryDigest.isWellFormed("md5sum:01:00000000000000000000000000000000"));
        assertFalse(GeometryDigest.isWellFormed("md5sum:1:0000000000000000000000000000000A"));
        assertEquals(12, GeometryDigest.count("md5sum:12:" + "ab".repeat(16)));
        assertThrows(IllegalArgumentException.class, () -> GeometryDigest.count("sha256:1:x"));
    }

    private static byte[] md5(String id, byte[] ewkb) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
            md.update(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) 0);
            return md.digest(ewkb);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
