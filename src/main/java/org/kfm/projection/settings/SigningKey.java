package org.kfm.projection.settings;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret webhooks are signed with ({@code kfm.webhooks.signing-secret}). The signature is
 * HMAC-SHA256, keyed with the secret's UTF-8 bytes, over {@code <timestamp>.<body>}, where the
 * timestamp is the {@code X-KFM-Timestamp} header (Unix seconds) and the body the exact bytes
 * POSTed; sent as {@code X-KFM-Signature: sha256=<lower-case hex>}. Never printed: {@link
 * #toString()} is masked.
 */
public final class SigningKey {
    /** Shortest secret accepted: 32 characters, e.g. {@code openssl rand -hex 32} gives 64. */
    public static final int MIN_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private SigningKey(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * @return empty for an unset or blank secret (webhooks are not signed)
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_LENGTH} (the message never
     *     quotes it)
     */
    public static Optional<SigningKey> of(Optional<String> secret) {
        String s = secret.orElse("");
        if (s.isBlank()) {
            return Optional.empty();
        }
        if (s.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("must be at least " + MIN_LENGTH + " characters, got " + s.length()
                    + " (generate one with: openssl rand -hex 32)");
        }
        return Optional.of(new SigningKey(s));
    }

    /** The {@code X-KFM-Signature} value for this timestamp and body: {@code sha256=<hex>}. */
    public String sign(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "<masked>";
    }
}
