package org.kfm.projection.bench.synth;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and SHA-256-hashes the bytes on their way to the file, so checksum and size need no second pass. */
final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256;
    private long size;

    DigestingOutputStream(OutputStream out) {
        super(out);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        size += len;
    }

    long size() {
        return size;
    }

    /** The STAC {@code file:checksum} multihash: 0x12 (sha2-256), 0x20 (32 bytes), then the digest, in hex. */
    String multihash() {
        return "1220" + HexFormat.of().formatHex(sha256.digest());
    }
}
