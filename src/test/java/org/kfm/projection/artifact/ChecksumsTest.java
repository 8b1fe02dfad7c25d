package org.kfm.projection.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kfm.projection.error.BadInputException;

class ChecksumsTest {
    private static final String SHA256_OF_EMPTY =
            "1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final URI ARTIFACT = URI.create("file:/data/a.geojson");

    @Test
    void sha256MultihashOfAKnownDigest() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(new byte[0]);
        assertEquals(SHA256_OF_EMPTY, Checksums.sha256Multihash(digest));
        assertEquals(SHA256_OF_EMPTY, TestBytes.multihash(new byte[0]));
    }

    @Test
    void classifiesSha256InEitherCase() {
        assertEquals(Checksums.Kind.SHA2_256, Checksums.classify(SHA256_OF_EMPTY));
        assertEquals(Checksums.Kind.SHA2_256, Checksums.classify(SHA256_OF_EMPTY.toUpperCase()));
        assertEquals(SHA256_OF_EMPTY, Checksums.requireSha256(SHA256_OF_EMPTY.toUpperCase(), ARTIFACT));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1114da39a3ee5e6b4b0d3255bfef95601890afd80709", // sha1
        "d50110d41d8cd98f00b204e9800998ecf8427e", // md5 (two-byte varint code 0xd5)
        "1e20af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262", // blake3
        "1210e3b0c44298fc1c149afbf4c8996fb924" // sha2-256 truncated to 16 bytes
    })
    void otherMultihashesAreUnsupported(String multihash) {
        assertEquals(Checksums.Kind.UNSUPPORTED, Checksums.classify(multihash));
        BadInputException e = assertThrows(BadInputException.class,
                () -> Checksums.requireSha256(multihash, ARTIFACT));
        assertEquals("unsupported-checksum", e.rule());
        assertTrue(e.getMessage().contains(ARTIFACT.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("sha2-256"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12", "122", "1220e3b0", "sha256:abc", "1220zz",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"})
    void nonMultihashesAreMalformed(String value) {
        assertEquals(Checksums.Kind.MALFORMED, Checksums.classify(value));
        BadInputException e = assertThrows(BadInputException.class,
                () -> Checksums.requireSha256(value, ARTIFACT));
        assertEquals("invalid-checksum", e.rule());
    }

    @Test
    void nullIsMalformed() {
        assertEquals(Checksums.Kind.MALFORMED, Checksums.classify(null));
    }

    @Test
    void testHelperAgreesWithProductionCode() throws Exception {
        byte[] content = "kfm".getBytes(StandardCharsets.UTF_8);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
        assertEquals(TestBytes.multihash(content), Checksums.sha256Multihash(digest));
    }
}
