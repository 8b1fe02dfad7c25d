package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.testing.KfmProcess;
import org.kfm.projection.testing.TestDatabase;

/**
 * The packaged application validates its whole configuration once at start: problems of different
 * groups come back together (a CLI command exits 2, {@code serve} fails to start), and the
 * effective configuration is logged once with secrets masked.
 */
class InvalidConfigurationIsReportedAtOnceIT {
    private static final List<String> BAD_KEYS = List.of("kfm.load.parallelism", "kfm.parity.invalid-geometry",
            "kfm.swap.attempts", "kfm.webhooks.urls", "kfm.s3.max-attempts");

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    private KfmProcess withBadSettingsInFiveGroups() {
        return new KfmProcess(db, "kfm_index", dir)
                .env("KFM_LOAD_PARALLELISM", "many")
                .env("KFM_PARITY_INVALID_GEOMETRY", "maybe")
                .env("KFM_SWAP_ATTEMPTS", "0")
                .env("KFM_WEBHOOKS_URLS", "ftp://tiles.example/reload?token=hook-token")
                .env("KFM_S3_MAX_ATTEMPTS", "99");
    }

    @Test
    void aCommandExitsTwoListingProblemsOfEveryGroup() {
        KfmProcess.Result r = withBadSettingsInFiveGroups().run(60, "status");
        assertEquals(2, r.exit(), r.toString());
        for (String key : BAD_KEYS) {
            assertTrue(r.stderr().contains("  - " + key + ": "), key + " not listed:\n" + r);
        }
        assertTrue(r.stderr().contains("invalid configuration (5 problems)"), r.toString());
        assertTrue(r.stderr().contains("(rule invalid-config, exit code 2)"), r.toString());
        assertFalse(r.stderr().contains("hook-token"), "the rejected URL is masked:\n" + r);
        assertEquals("", r.stdout(), r.toString());
    }

    @Test
    void serveFailsToStartListingProblemsOfEveryGroup() {
        KfmProcess.Result r = withBadSettingsInFiveGroups().env("QUARKUS_HTTP_PORT", "0").run(60, "serve");
        assertNotEquals(0, r.exit(), r.toString());
        for (String key : BAD_KEYS) {
            assertTrue(r.stderr().contains("  - " + key + ": "), key + " not listed:\n" + r);
        }
        assertFalse(r.stderr().contains("hook-token"), "the rejected URL is masked:\n" + r);
    }

    @Test
    void theEffectiveConfigurationIsLoggedOnceWithSecretsMasked() {
        KfmProcess.Result r = new KfmProcess(db, "kfm_index", dir)
                .env("KFM_WEBHOOKS_URLS", "https://hook-user:hook-pass@tiles.example/reload?token=hook-token")
                .env("KFM_WEBHOOKS_SIGNING_SECRET", "signing-secret-value-0123456789abcdef")
                .env("QUARKUS_DATASOURCE_PASSWORD", "db-password-value")
                .run(60, "status");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(1, r.stderr().split("effective configuration:", -1).length - 1, "logged once:\n" + r);
        for (String secret : List.of("hook-user", "hook-pass", "hook-token", "signing-secret-value",
                "db-password-value")) {
            assertFalse(r.stderr().contains(secret), secret + " printed:\n" + r);
        }
        assertTrue(r.stderr().contains("kfm.webhooks.urls = https://tiles.example/reload"), r.toString());
        assertTrue(r.stderr().contains("quarkus.datasource.password = <masked>"), r.toString());
        assertTrue(r.stderr().contains("kfm.webhooks.signing-secret = <masked>"), r.toString());
    }
}
