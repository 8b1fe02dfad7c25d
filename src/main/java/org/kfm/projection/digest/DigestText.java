package org.kfm.projection.digest;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text form of the order-independent geometry digest, the contract between the loader (which
 * accumulates it in Java while loading) and parity (which computes it in SQL):
 *
 * <ol>
 *   <li>per row and seed {@code s}, {@code h(s) = 31 * H(UTF-8 bytes of feature_id, s) + H(ST_AsEWKB(geom), s)}
 *       modulo 2^64, where {@code H} is PostgreSQL's 64-bit byte hash ({@link PgHash}); in SQL that is
 *       {@code hash_record_extended(ROW(convert_to(feature_id, 'UTF8'), ST_AsEWKB(geom)), s)};</li>
 *   <li>lane {@code a} = {@code h(0)}, lane {@code b} = {@code h(1)}, as signed int64;</li>
 *   <li>the digest is the row count and the sums of each lane modulo 2^64, rendered
 *       {@code pghash:<count>:<16 lower-case hex of a><16 lower-case hex of b>}.</li>
 * </ol>
 *
 * Kept in one place so the two sides cannot drift apart. The prefix names the row hash: digests of
 * another definition (the {@code md5sum:} form of earlier releases) are not well-formed here, so they
 * are never compared with these (docs/adr/0006).
 */
public final class DigestText {
    /** Names the row hash; see the class comment. */
    public static final String PREFIX = "pghash:";
    /** The digest of a dataset version with no rows. */
    public static final String EMPTY = PREFIX + "0:" + "0".repeat(32);

    private static final Pattern FORMAT = Pattern.compile("pghash:(0|[1-9][0-9]*):[0-9a-f]{32}");
    private static final BigInteger MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private DigestText() {
    }

    /** Renders lane sums already reduced modulo 2^64 (Java {@code long} addition wraps that way). */
    public static String render(long count, long sumA, long sumB) {
        if (count < 0) {
            throw new IllegalArgumentException("row count must be >= 0: " + count);
        }
        return String.format(Locale.ROOT, PREFIX + "%d:%016x%016x", count, sumA, sumB);
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
        return Long.parseLong(digest.substring(PREFIX.length(), digest.lastIndexOf(':')));
    }
}
