package org.kfm.projection.validate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The geometry digest computed in Java straight from its definition, independent of the main code:
 * what the loader does while loading. Long addition wraps, which is the sum modulo 2^64.
 */
final class ReferenceDigest {
    private long count;
    private long laneA;
    private long laneB;

    ReferenceDigest add(String featureId, byte[] ewkb) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        md5.update(featureId.getBytes(StandardCharsets.UTF_8));
        md5.update((byte) 0);
        md5.update(ewkb);
        ByteBuffer h = ByteBuffer.wrap(md5.digest());
        laneA += h.getLong(0);
        laneB += h.getLong(8);
        count++;
        return this;
    }

    String digest() {
        return String.format(Locale.ROOT, "md5sum:%d:%016x%016x", count, laneA, laneB);
    }
}
