package org.kfm.projection.api;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Set;

/** Bearer tokens for the tests, signed with the test key pair in src/test/resources/jwt/. */
final class Tokens {
    static final String ISSUER = "kfm-test";

    private Tokens() {
    }

    static String viewer() {
        return token("vera", ISSUER, testKey(), "viewer");
    }

    static String operator() {
        return token("otto", ISSUER, testKey(), "operator");
    }

    /** A token naming no role the API knows. */
    static String stranger() {
        return token("sam", ISSUER, testKey(), "reader");
    }

    static String wrongIssuer() {
        return token("otto", "someone-else", testKey(), "operator");
    }

    /** Signed with a key the service has never seen. */
    static String wrongKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return token("otto", ISSUER, g.generateKeyPair().getPrivate(), "operator");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String expired() {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).upn("otto").groups(Set.of("operator")).issuedAt(now - 7200).expiresAt(now - 3600)
                .sign(testKey());
    }

    /** An operator token whose iat lies {@code seconds} in the future (expiring ten minutes after that). */
    static String issuedIn(long seconds) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).upn("otto").groups(Set.of("operator")).issuedAt(now + seconds)
                .expiresAt(now + seconds + 600).sign(testKey());
    }

    /** An operator token with the given upn, verbatim. */
    static String operatorNamed(String upn) {
        return token(upn, ISSUER, testKey(), "operator");
    }

    private static String token(String upn, String issuer, PrivateKey key, String... groups) {
        return Jwt.issuer(issuer).upn(upn).subject(upn + "-id").groups(Set.of(groups)).expiresIn(600).sign(key);
    }

    private static PrivateKey testKey() {
        try {
            return KeyUtils.readPrivateKey("jwt/test-privateKey.pem");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
