package org.kfm.projection.webhook;

import org.kfm.projection.settings.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Java verification recipe of docs/service.md ("Verifying the signature"), as a receiver
 * would write it: independent of {@link SigningKey}.
 */
public final class Hmac {
    private Hmac() {
    }

    public static String hex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The recipe: recompute over "timestamp.body", compare in constant time, refuse stale timestamps. */
    public static boolean verify(String secret, String timestampHeader, String signatureHeader, byte[] body,
            long nowEpochSeconds) throws Exception {
        long ts = Long.parseLong(timestampHeader);
        if (Math.abs(nowEpochSeconds - ts) > 300) {
            return false; // older than five minutes: a replay
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestampHeader + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signatureHeader.getBytes(StandardCharsets.UTF_8));
    }
}
