package org.kfm.projection.artifact;

import java.net.URI;
import java.util.HexFormat;
import java.util.Locale;
import org.kfm.projection.error.BadInputException;

/**
 * The checksums the catalog declares: STAC {@code file:checksum} values are hex-encoded multihashes.
 * Only sha2-256 (code {@code 0x12}, length {@code 0x20}, so {@code 1220} + 64 hex digits) is
 * supported.
 */
public final class Checksums {
    /** Hex prefix of a sha2-256 multihash: code 0x12, digest length 32. */
    public static final String SHA2_256_PREFIX = "1220";

    private static final int SHA2_256_CODE = 0x12;
    private static final int SHA2_256_LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    /** How a declared checksum string reads. */
    public enum Kind {
        /** A sha2-256 multihash with a 32-byte digest. */
        SHA2_256,
        /** A well-formed multihash of another function or digest length (sha1, blake3, md5...). */
        UNSUPPORTED,
        /** Not a hex-encoded multihash at all. */
        MALFORMED
    }

    private Checksums() {
    }

    /** Classifies a multihash hex string. Hex digits may be upper or lower case. */
    public static Kind classify(String multihashHex) {
        if (multihashHex == null || multihashHex.isEmpty() || multihashHex.length() % 2 != 0) {
            return Kind.MALFORMED;
        }
        byte[] bytes;
        try {
            bytes = HEX.parseHex(multihashHex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException notHex) {
            return Kind.MALFORMED;
        }
        long[] code = readVarint(bytes, 0);
        long[] length = code == null ? null : readVarint(bytes, (int) code[1]);
        if (length == null || bytes.length - length[1] != length[0]) {
            return Kind.MALFORMED;
        }
        return code[0] == SHA2_256_CODE && length[0] == SHA2_256_LENGTH ? Kind.SHA2_256 : Kind.UNSUPPORTED;
    }

    /** The sha2-256 multihash hex ({@code 1220...}) of a raw 32-byte SHA-256 digest. */
    public static String sha256Multihash(byte[] sha256Digest) {
        if (sha256Digest.length != SHA2_256_LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256Digest.length);
        }
        return SHA2_256_PREFIX + HEX.formatHex(sha256Digest);
    }

    /**
     * Checks that {@code multihashHex} is a sha2-256 multihash and returns it in lower case.
     *
     * @throws BadInputException rule {@code unsupported-checksum} or {@code invalid-checksum}
     */
    public static String requireSha256(String multihashHex, URI artifact) {
        switch (classify(multihashHex)) {
            case SHA2_256:
                return multihashHex.toLowerCase(Locale.ROOT);
            case UNSUPPORTED:
                throw new BadInputException("unsupported-checksum", String.valueOf(artifact), null,
                        "declared checksum '" + multihashHex + "' is a multihash of another function or length; "
                                + "only sha2-256 is supported ('" + SHA2_256_PREFIX + "' followed by 64 hex digits): "
                                + "declare the artifact's sha2-256 in file:checksum");
            default:
                throw new BadInputException("invalid-checksum", String.valueOf(artifact), null,
                        "declared checksum '" + multihashHex + "' is not a hex-encoded multihash; expected '"
                                + SHA2_256_PREFIX + "' followed by 64 hex digits");
        }
    }

    /** Unsigned LEB128 as multihash uses it: returns {value, next offset}, or null when cut short. */
    private static long[] readVarint(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 9 && offset + i < bytes.length; i++) {
            int b = bytes[offset + i] & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return new long[] {value, offset + i + 1};
            }
        }
        return null;
    }
}
