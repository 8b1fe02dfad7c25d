package org.kfm.projection.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.kfm.projection.digest.DigestText;

/**
 * The order-independent geometry digest of a dataset version (DESIGN §5, parity rule 2), accumulated
 * row by row while loading. For each row, {@code h = MD5(utf8(feature_id) || 0x00 || ewkb)} where
 * {@code ewkb} is what {@code ST_AsEWKB(geom)} returns; lane {@code a} is the first 8 bytes of
 * {@code h} read as a big-endian signed 64-bit integer, lane {@code b} the last 8. The digest is the
 * row count and both lane sums modulo 2^64, rendered {@code md5sum:<count>:<a as 16 hex><b as 16 hex>}.
 * Sums commute, so rows may arrive in any order and per-asset digests can be {@link #merge}d;
 * {@code sql/load/geometry_digest.sql} computes the same value in the database.
 *
 * <p>Thread-confined: one instance per loader thread; merge afterwards.
 */
public final class GeometryDigest {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final MessageDigest md5 = newMd5();
    private final byte[] hash = new byte[16];
    private long count;
    private long laneA;
    private long laneB;

    /** Adds one row. */
    public void add(String featureId, byte[] ewkb) {
        add(featureId.getBytes(StandardCharsets.UTF_8), ewkb);
    }

    /** Adds one row whose feature id is already encoded as UTF-8. */
    public void add(byte[] featureIdUtf8, byte[] ewkb) {
        add(featureIdUtf8, ewkb, ewkb.length);
    }

    /** Adds one row whose EWKB is the first {@code ewkbLength} bytes of {@code ewkb} (a reused buffer). */
    public void add(byte[] featureIdUtf8, byte[] ewkb, int ewkbLength) {
        md5.update(featureIdUtf8);
        md5.update((byte) 0);
        md5.update(ewkb, 0, ewkbLength);
        try {
            md5.digest(hash, 0, hash.length);
        } catch (DigestException e) {
            throw new IllegalStateException("MD5 digests are 16 bytes", e);
        }
        laneA += (long) LONG_BE.get(hash, 0);
        laneB += (long) LONG_BE.get(hash, 8);
        count++;
    }

    /** Adds another digest's rows to this one (the other is left unchanged). */
    public void merge(GeometryDigest other) {
        count += other.count;
        laneA += other.laneA;
        laneB += other.laneB;
    }

    /** Rows added so far. */
    public long count() {
        return count;
    }

    /** The digest text, {@code md5sum:<count>:<32 hex>}. */
    public String value() {
        return render(count, laneA, laneB);
    }

    @Override
    public String toString() {
        return value();
    }

    /** The digest text for a count and two lane sums already reduced modulo 2^64 (as two's complement). */
    public static String render(long count, long laneA, long laneB) {
        return DigestText.render(count, laneA, laneB);
    }

    /** Lane sums of any size (from SQL's {@code numeric}) reduced modulo 2^64, then rendered. */
    public static String render(long count, BigInteger laneA, BigInteger laneB) {
        return DigestText.render(count, laneA, laneB);
    }

    /** Whether {@code text} has the digest's shape. */
    public static boolean isDigest(String text) {
        return DigestText.isWellFormed(text);
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
