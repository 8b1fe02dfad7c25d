package org.kfm.projection.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EffectiveConfigTest {

    @Test
    void secretsAndUrlCredentialsAreMasked() {
        String text = EffectiveConfig.describe(ConfigValidatorTest.validate(Map.of(
                "kfm.webhooks.urls", "https://hook:pw1@tiles.example/reload?token=tok1",
                "kfm.webhooks.signing-secret", "sig1-0123456789abcdef0123456789abcdef",
                "kfm.s3.endpoint", "http://key:pw2@minio:9000")),
                Map.of("quarkus.datasource.jdbc.url", Optional.of("jdbc:postgresql://db:5432/kfm?user=kfm&password=pw3"),
                        "quarkus.datasource.username", Optional.of("kfm"),
                        "quarkus.datasource.password", Optional.of("pw4")));
        for (String secret : new String[] {"pw1", "tok1", "sig1", "pw2", "pw3", "pw4", "hook:"}) {
            assertFalse(text.contains(secret), secret + " printed: " + text);
        }
        assertTrue(text.contains("kfm.webhooks.urls = https://tiles.example/reload"), text);
        assertTrue(text.contains("kfm.s3.endpoint = http://<masked>@minio:9000"), text);
        assertTrue(text.contains("quarkus.datasource.jdbc.url = jdbc:postgresql://db:5432/kfm?user=kfm&password=<masked>"),
                text);
        assertTrue(text.contains("quarkus.datasource.password = <masked>"), text);
        assertTrue(text.contains("kfm.webhooks.signing-secret = <masked>"), text);
        assertTrue(text.contains("kfm.projection.name = kfm_index"), text);
    }
}
