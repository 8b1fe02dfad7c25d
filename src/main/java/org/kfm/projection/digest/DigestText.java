package org.kfm.projection.digest;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text form of the order-independent geometry digest, the contract between the loader (which
 * accumulates it in Java while loading) and parity (which computes it in SQL):
 *
 * <ol>
 *   <li>per row, {@code h = 31 * H(UTF-8 bytes of feature_id) + H(ST_AsEWKB(geom))} modulo 2^64, where
 *       {@code H} is PostgreSQL's 64-bit byte hash with seed 0 ({@link PgHash}); in SQL that is
 *       {@code hash_record_extended(ROW(convert_to(feature_id, 'UTF8'), ST_AsEWKB(geom)), 0)};</li>
 *   <li>the digest is the row count and the sum of {@code h(0)} over the rows modulo 2^64, rendered
 *       {@code pghash:<count>:<16 lower-case hex digits>} (two's complement).</li>
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
    public static final String EMPTY = PREFIX + "0:" + "0".repeat(16);

    private static final Pattern FORMAT = Pattern.compile("pghash:(0|[1-9][0-9]*):[0-9a-f]{16}");
    private static final BigInteger MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private DigestText() {
    }

    /** Renders a sum already reduced modulo 2^64 (Java {@code long} addition wraps that way). */
    public static String render(long count, long sum) {
        if (count < 0) {
            throw new IllegalArgumentException("row count must be >= 0: " + count);
        }
        return String.format(Locale.ROOT, PREFIX + "%d:%016x", count, sum);
    }

    /** Renders a sum of any size (SQL returns it as numeric), reduced modulo 2^64. */
    public static String render(long count, BigInteger sum) {
        return render(count, sum.and(MASK).longValue());
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
