package org.kfm.projection.load;

import java.nio.charset.StandardCharsets;
import org.kfm.projection.digest.DigestText;
import org.kfm.projection.digest.PgHash;

/**
 * The order-independent geometry digest of a dataset version (DESIGN §5, parity rule 2), accumulated
 * row by row while loading. Each row adds PostgreSQL's {@code hash_record_extended} of
 * {@code (utf8(feature_id), ewkb)} with seed 0 to a sum, where {@code ewkb} is what
 * {@code ST_AsEWKB(geom)} returns ({@link DigestText} has the definition). The digest is the row
 * count and the sum modulo 2^64, rendered {@code pghash:<count>:<16 hex>}.
 * Sums commute, so rows may arrive in any order and per-asset digests can be {@link #merge}d;
 * parity computes the same value in the database ({@code sql/validate/version_stats.sql}).
 *
 * <p>Thread-confined: one instance per loader thread; merge afterwards.
 */
public final class GeometryDigest {
    private long count;
    private long sum;

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
        sum += PgHash.recordExtended(featureIdUtf8, ewkb, ewkbLength, 0);
        count++;
    }

    /** Adds another digest's rows to this one (the other is left unchanged). */
    public void merge(GeometryDigest other) {
        count += other.count;
        sum += other.sum;
    }

    /** Rows added so far. */
    public long count() {
        return count;
    }

    /** The digest text, {@code pghash:<count>:<16 hex>}. */
    public String value() {
        return DigestText.render(count, sum);
    }

    @Override
    public String toString() {
        return value();
    }
}
