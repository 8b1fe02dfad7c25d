package org.kfm.projection.digest;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text form of the order-independent geometry digest, the contract between the loader (which
 * accumulates it in Java while loading) and parity (which computes it in SQL):
 *
 * <ol>
 *   <li>per row, {@code h = MD5(UTF-8 bytes of feature_id || 0x00 || ST_AsEWKB(geom))};</li>
 *   <li>lane {@code a} = the first 8 bytes of {@code h} as a big-endian signed int64, lane
 *       {@code b} = the last 8 bytes;</li>
 *   <li>the digest is the row count and the sums of each lane modulo 2^64, rendered
 *       {@code md5sum:<count>:<16 lower-case hex of a><16 lower-case hex of b>}.</li>
 * </ol>
 *
 * Kept in one place so the two sides cannot drift apart.
 */
public final class DigestText {
    /** The digest of a dataset version with no rows. */
    public static final String EMPTY = "md5sum:0:" + "0".repeat(32);

    private static final Pattern FORMAT = Pattern.compile("md5sum:(0|[1-9][0-9]*):[0-9a-f]{32}");
    private static final BigInteger MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private DigestText() {
    }

    /** Renders lane sums already reduced modulo 2^64 (Java {@code long} addition wraps that way). */
    public static String render(long count, long sumA, long sumB) {
        if (count < 0) {
            throw new IllegalArgumentException("row count must be >= 0: " + count);
        }
        return String.format(Locale.ROOT, "md5sum:%d:%016x%016x", count, sumA, sumB);
    }

    /** Renders lane sums of any size (SQL returns them as numeric), reduced modulo 2^64. */
    public static String render(long count, BigInteger sumA, BigInteger sumB) {
        return render(count, sumA.and(MASK).longValue(), sumB.and(MASK).longValue());
    }

    /** Whether {@code digest} has the documented form. */
    public static boolean isWellFormed(String digest) {
        return digest != null && FORMAT.matcher(digest).matches();
    }

    /** The row count part of a well-formed digest. */
    public static long count(String digest) {
        if (!isWellFormed(digest)) {
            throw new IllegalArgumentException("not a geometry digest: " + digest);
        }
        return Long.parseLong(digest.substring("md5sum:".length(), digest.lastIndexOf(':')));
    }
}
