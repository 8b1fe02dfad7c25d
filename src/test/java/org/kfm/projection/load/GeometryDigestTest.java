package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Expected values were computed by PostgreSQL: md5(convert_to(id, 'UTF8') || '\x00' || ST_AsEWKB(geom)). */
class GeometryDigestTest {
    private static final byte[] POINT_1_2 = HexFormat.of().parseHex("0101000020e6100000000000000000f03f0000000000000040");

    @Test
    void emptyDigestHasZeroCountAndZeroLanes() {
        assertEquals("md5sum:0:" + "0".repeat(32), new GeometryDigest().value());
    }

    @Test
    void oneRowIsItsMd5() {
        GeometryDigest d = new GeometryDigest();
        d.add("pt-1", POINT_1_2);
        assertEquals("md5sum:1:2088bee9c9a46988327cc058db966f07", d.value());
    }

    @Test
    void lanesAreSummedModulo2To64InAnyOrder() {
        GeometryDigest ab = new GeometryDigest();
        ab.add("pt-1", POINT_1_2);
        ab.add("é", POINT_1_2);
        GeometryDigest ba = new GeometryDigest();
        ba.add("é", POINT_1_2);
        ba.add("pt-1", POINT_1_2);
        assertEquals("md5sum:2:df7674cd9493fa23614ad07d8e988de7", ab.value());
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
        // three times lane a of "é": the sum wraps past 2^64
        BigInteger a = new BigInteger("beedb5e3caef909b", 16).subtract(BigInteger.ONE.shiftLeft(64))
                .multiply(BigInteger.valueOf(3));
        assertEquals("md5sum:3:3cc921ab60ceb1d1" + "ffffffffffffffff",
                GeometryDigest.render(3, a, BigInteger.valueOf(-1)));
        assertEquals(GeometryDigest.render(3, a.longValue(), -1L), GeometryDigest.render(3, a, BigInteger.valueOf(-1)));
    }

    @Test
    void recognisesItsFormat() {
        assertTrue(GeometryDigest.isDigest(new GeometryDigest().value()));
        assertFalse(GeometryDigest.isDigest("md5sum:1:abc"));
    }
}
