package org.kfm.projection.artifact;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Checksums for test content, computed independently of the code under test. */
public final class TestBytes {
    private TestBytes() {
    }

    /** The sha2-256 multihash hex of {@code content}. */
    public static String multihash(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            StringBuilder sb = new StringBuilder("1220");
            for (byte b : digest) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
