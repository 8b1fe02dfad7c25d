package org.kfm.projection.load;

import org.kfm.projection.digest.DigestText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Expected values were computed by PostgreSQL: {@code hash_record_extended(ROW(convert_to(id, 'UTF8'), ewkb), 0)},
 * summed.
 */
class GeometryDigestTest {
    private static final byte[] POINT_1_2 = HexFormat.of().parseHex("0101000020e6100000000000000000f03f0000000000000040");

    @Test
    void emptyDigestHasZeroCountAndZeroSum() {
        assertEquals("pghash:0:" + "0".repeat(16), new GeometryDigest().value());
    }

    @Test
    void oneRowIsItsRecordHash() {
        GeometryDigest d = new GeometryDigest();
        d.add("pt-1", POINT_1_2);
        assertEquals("pghash:1:ec6a566af2c340a3", d.value());
    }

    @Test
    void hashesAreSummedModulo2To64InAnyOrder() {
        GeometryDigest ab = new GeometryDigest();
        ab.add("pt-1", POINT_1_2);
        ab.add("é", POINT_1_2);
        GeometryDigest ba = new GeometryDigest();
        ba.add("é", POINT_1_2);
        ba.add("pt-1", POINT_1_2);
        assertEquals("pghash:2:fc2bebf6e84a97a5", ab.value());
        assertEquals(ab.value(), ba.value());
    }

    @Test
    void mergingEqualsAddingEverythingToOne() {
        GeometryDigest one = new GeometryDigest();
        GeometryDigest left = new GeometryDigest();
        GeometryDigest right = new GeometryDigest();
        for (int i = 0; i < 100; i++) {
            one.add("f" + i, POINT_1_2);
            (i % 3 == 0 ? left : right).add("f" + i, POINT_1_2);
        }
        left.merge(right);
        assertEquals(one.value(), left.value());
        assertEquals(100, left.count());
    }

    @Test
    void rendersSqlSumsReducedModulo2To64() {
        // three times the hash of "pt-1" (negative as int8): the sum wraps past -2^63
        BigInteger a = new BigInteger("ec6a566af2c340a3", 16).subtract(BigInteger.ONE.shiftLeft(64))
                .multiply(BigInteger.valueOf(3));
        assertEquals("pghash:3:c53f0340d849c1e9", DigestText.render(3, a));
        assertEquals(DigestText.render(3, a.longValue()), DigestText.render(3, a));
        assertEquals("pghash:1:ffffffffffffffff", DigestText.render(1, BigInteger.valueOf(-1)));
    }

    @Test
    void recognisesItsFormat() {
        assertTrue(DigestText.isWellFormed(new GeometryDigest().value()));
        assertFalse(DigestText.isWellFormed("pghash:1:abc"));
        assertFalse(DigestText.isWellFormed("md5sum:1:" + "0".repeat(32)));
        assertFalse(DigestText.isWellFormed("pghash:1:" + "0".repeat(32)), "two lanes: a format never released");
    }
}
