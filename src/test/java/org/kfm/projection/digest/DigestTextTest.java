package org.kfm.projection.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.kfm.projection.validate.ReferenceDigest;
import org.junit.jupiter.api.Test;

class DigestTextTest {
    @Test
    void reducesSumsModulo2To64AsTwosComplement() {
        BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
        // -1 and 2^64 - 1 are the same value; 2^64 + 5 wraps to 5.
        assertEquals("pghash:2:ffffffffffffffff", DigestText.render(2, BigInteger.valueOf(-1)));
        assertEquals("pghash:2:0000000000000005", DigestText.render(2, twoTo64.add(BigInteger.valueOf(5))));
        assertEquals(DigestText.render(3, Long.MIN_VALUE),
                DigestText.render(3, BigInteger.valueOf(Long.MIN_VALUE).subtract(twoTo64.multiply(BigInteger.TEN))));
    }

    @Test
    void matchesJavaLongAdditionOverManyRows() {
        ReferenceDigest reference = new ReferenceDigest();
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < 1000; i++) {
            byte[] ewkb = {1, (byte) i, (byte) (i >> 8)};
            reference.add("f-" + i, ewkb);
            sum = sum.add(BigInteger.valueOf(ReferenceDigest.rowHash("f-" + i, ewkb, 0)));
        }
        assertEquals(reference.digest(), DigestText.render(1000, sum));
    }

    @Test
    void emptyDigestAndFormat() {
        assertEquals("pghash:0:0000000000000000", DigestText.EMPTY);
        assertEquals(DigestText.EMPTY, new ReferenceDigest().digest());
        assertTrue(DigestText.isWellFormed(DigestText.EMPTY));
        assertFalse(DigestText.isWellFormed("pghash:01:0000000000000000"));
        // the digest of earlier releases names another row hash: never comparable with this one
        assertFalse(DigestText.isWellFormed("md5sum:1:00000000000000000000000000000000"));
        assertFalse(DigestText.isWellFormed("pghash:1:000000000000000A"));
        assertFalse(DigestText.isWellFormed("pghash:1:" + "0".repeat(32)));
        assertEquals(12, DigestText.count("pghash:12:" + "ab".repeat(8)));
        assertThrows(IllegalArgumentException.class, () -> DigestText.count("sha256:1:x"));
    }
}
