package org.kfm.projection.webhook;

import org.kfm.projection.settings.SigningKey;
import org.kfm.projection.settings.WebhookTarget;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A webhook URL is shown and stored only as its label: never its query string or userinfo. */
class WebhookTargetTest {

    @Test
    void labelIsSchemeHostPortAndPathWithoutQueryOrUserinfo() {
        WebhookTarget t = WebhookTarget.parse("HTTPS://kfm:s3cret@Tiles.Example:8443/reload/all?token=abc123#frag");

        assertEquals("https://tiles.example:8443/reload/all", t.label());
        assertEquals(t.label(), t.toString());
        assertEquals("https://tiles.example:8443/reload/all?token=abc123", t.uri().toString(),
                "the request keeps the query, drops userinfo and fragment");
        assertEquals(Optional.of("Basic " + Base64.getEncoder().encodeToString("kfm:s3cret".getBytes())),
                t.authorization(), "userinfo is sent as Basic authorization");
    }

    @Test
    void aNamedEntryIsShownByItsName() {
        WebhookTarget t = WebhookTarget.parse(" tiles=https://tiles.example/hooks/T000/B000/XXXX?sig=1 ");

        assertEquals("tiles", t.label());
        assertEquals("https://tiles.example/hooks/T000/B000/XXXX?sig=1", t.uri().toString());
    }

    @Test
    void anUnnamedUrlWhoseQueryHasAnEqualsSignIsNotMistakenForANamedOne() {
        assertEquals("http://127.0.0.1:9/x", WebhookTarget.parse("http://127.0.0.1:9/x?a=b").label());
    }

    @Test
    void errorsNeverQuoteTheEntry() {
        IllegalArgumentException notHttp = assertThrows(IllegalArgumentException.class,
                () -> WebhookTarget.parse("ftp://host/x?token=abc123"));
        IllegalArgumentException invalid = assertThrows(IllegalArgumentException.class,
                () -> WebhookTarget.parse("cache=https://host/x y?token=abc123"));
        IllegalArgumentException noHost = assertThrows(IllegalArgumentException.class,
                () -> WebhookTarget.parse("https:///x?token=abc123"));

        for (IllegalArgumentException e : new IllegalArgumentException[] {notHttp, invalid, noHost}) {
            assertFalse(e.getMessage().contains("abc123"), e::getMessage);
            assertTrue(e.getMessage().contains("not shown"), e::getMessage);
        }
        assertTrue(invalid.getMessage().contains("'cache'"), invalid::getMessage);
    }

    @Test
    void redactReplacesTheUrlAndItsQueryInErrorText() {
        WebhookTarget t = WebhookTarget.parse("https://h.example/p?token=abc123");

        assertEquals("cannot reach https://h.example/p (<hidden>)", t.redact("cannot reach https://h.example/p?token=abc123 (token=abc123)"));
    }

    @Test
    void signingKeyIsMaskedAndMustBeLongEnough() {
        assertEquals(Optional.empty(), SigningKey.of(Optional.of("  ")));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> SigningKey.of(Optional.of("tooShortSecret")));
        assertFalse(shortKey.getMessage().contains("tooShortSecret"), shortKey::getMessage);
        SigningKey key = SigningKey.of(Optional.of("0123456789abcdef0123456789abcdef")).orElseThrow();
        assertEquals("<masked>", key.toString());
        // openssl: printf '1700000000.{}' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
        assertEquals("sha256=" + Hmac.hex("0123456789abcdef0123456789abcdef", "1700000000.{}"),
                key.sign(1700000000L, "{}".getBytes()));
    }
}
