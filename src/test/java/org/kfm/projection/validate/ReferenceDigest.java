package org.kfm.projection.validate;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.kfm.projection.digest.PgHash;

/**
 * The geometry digest computed in Java straight from its definition, independent of the loader's
 * accumulator and of {@code DigestText}: per row PostgreSQL's record hash of (UTF-8 id, EWKB) with
 * seed 0 ({@code PgHashIT} checks {@link PgHash} against the server), summed with wrapping long
 * addition, which is the sum modulo 2^64.
 */
public final class ReferenceDigest {
    private long count;
    private long sum;

    public ReferenceDigest add(String featureId, byte[] ewkb) {
        sum += rowHash(featureId, ewkb, 0);
        count++;
        return this;
    }

    /** {@code hash_record_extended(ROW(convert_to(id, 'UTF8'), ewkb), seed)}: 31 * h(id) + h(ewkb). */
    public static long rowHash(String featureId, byte[] ewkb, long seed) {
        byte[] id = featureId.getBytes(StandardCharsets.UTF_8);
        return 31 * PgHash.bytesExtended(id, 0, id.length, seed) + PgHash.bytesExtended(ewkb, 0, ewkb.length, seed);
    }

    public String digest() {
        return String.format(Locale.ROOT, "pghash:%d:%016x", count, sum);
    }
}
