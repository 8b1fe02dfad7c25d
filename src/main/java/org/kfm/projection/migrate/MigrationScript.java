package org.kfm.projection.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One migration file's name and text, as read from a {@link MigrationSource}. */
public record MigrationScript(String filename, String sql) {

    /** SHA-256 of the file's bytes, hex: what receipts record next to Flyway's own CRC32. */
    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
