package org.kfm.projection.validate;

import java.math.BigInteger;
import org.kfm.projection.digest.DigestText;

/** Parity's name for the geometry digest's text form; the definition is {@link DigestText}. */
public final class GeometryDigest {
    /** The digest of a dataset version with no rows. */
    public static final String EMPTY = DigestText.EMPTY;

    private GeometryDigest() {
    }

    public static String of(long count, BigInteger sum) {
        return DigestText.render(count, sum);
    }

    public static String of(long count, long sum) {
        return DigestText.render(count, sum);
    }

    public static boolean isWellFormed(String digest) {
        return DigestText.isWellFormed(digest);
    }

    public static long count(String digest) {
        return DigestText.count(digest);
    }
}
