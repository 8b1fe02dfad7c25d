package org.kfm.projection.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.KfmException;

/** Against a real S3-compatible server (s3proxy) on loopback; no mocked client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ArtifactStoreTest {
    private static final String BUCKET = "kfm-artifacts";
    private static final byte[] CONTENT = "{\"type\":\"Feature\"}\n{\"type\":\"Feature\"}\n"
            .getBytes(StandardCharsets.UTF_8);

    private S3TestServer server;
    private S3ArtifactStore store;

    @BeforeAll
    void startServer() throws Exception {
        server = S3TestServer.start();
        server.createBucket(BUCKET);
        server.put(BUCKET, "data/v1/features.geojsonl", CONTENT);
        store = new S3ArtifactStore(server.settings());
    }

    @AfterAll
    void stopServer() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static URI s3(String key) {
        return URI.create("s3://" + BUCKET + "/" + key);
    }

    @Test
    void readsAnObjectAndVerifiesIt() throws Exception {
        try (VerifyingInputStream in = store.openVerified(s3("data/v1/features.geojsonl"),
                TestBytes.multihash(CONTENT), CONTENT.length)) {
            assertArrayEquals(CONTENT, in.readAllBytes());
            assertEquals(TestBytes.multihash(CONTENT), in.drainAndVerify().checksum());
        }
    }

    @Test
    void checksumMismatchNamesTheObjectAndBothValues() throws Exception {
        String declared = TestBytes.multihash("something else".getBytes(StandardCharsets.UTF_8));
        URI uri = s3("data/v1/features.geojsonl");
        try (VerifyingInputStream in = store.openVerified(uri, declared, CONTENT.length)) {
            BadInputException e = assertThrows(BadInputException.class, in::readAllBytes);
            assertEquals("checksum-mismatch", e.rule());
            assertTrue(e.getMessage().startsWith(uri.toString()), e.getMessage());
            assertTrue(e.getMessage().contains(declared), e.getMessage());
            assertTrue(e.getMessage().contains(TestBytes.multihash(CONTENT)), e.getMessage());
        }
    }

    @Test
    void sizeMismatchIsDetected() throws Exception {
        try (VerifyingInputStream in = store.openVerified(s3("data/v1/features.geojsonl"),
                TestBytes.multihash(CONTENT), CONTENT.length - 1)) {
            assertEquals("size-mismatch", assertThrows(BadInputException.class, in::drainAndVerify).rule());
        }
    }

    @Test
    void missingObjectAndMissingBucketAreMissingArtifacts() {
        BadInputException key = assertThrows(BadInputException.class, () -> store.open(s3("data/v2/none.json")));
        assertEquals("missing-artifact", key.rule());
        assertTrue(key.getMessage().contains("s3://" + BUCKET + "/data/v2/none.json"), key.getMessage());
        assertTrue(key.getMessage().contains("no such object"), key.getMessage());

        BadInputException bucket = assertThrows(BadInputException.class,
                () -> store.openVerified(URI.create("s3://no-such-bucket/x.json"), TestBytes.multihash(CONTENT), 1));
        assertEquals("missing-artifact", bucket.rule());
    }

    @Test
    void writesAReceiptAndReadsItBack() throws Exception {
        URI receipt = s3("receipts/run-42.json");
        byte[] json = "{\"run\":42,\"outcome\":\"SUCCEEDED\"}".getBytes(StandardCharsets.UTF_8);
        assertTrue(store.canWrite(receipt));
        store.write(receipt, json, "application/json");
        try (InputStream in = store.open(receipt)) {
            assertArrayEquals(json, in.readAllBytes());
        }
        String contentType = server.client().headObject(h -> h.bucket(BUCKET).key("receipts/run-42.json"))
                .contentType();
        assertEquals("application/json", contentType);
    }

    @Test
    void cannotWriteToAMissingBucket() {
        assertFalse(store.canWrite(URI.create("s3://no-such-bucket/receipts/r.json")));
    }

    @Test
    void wrongCredentialsFailWithoutPrintingThem() {
        String wrongSecret = "wrong-secret-that-must-not-leak";
        try (S3ArtifactStore wrong = new S3ArtifactStore(server.settings()
                .withStaticCredentials(S3TestServer.ACCESS_KEY, wrongSecret))) {
            KfmException e = assertThrows(KfmException.class, () -> wrong.open(s3("data/v1/features.geojsonl")));
            assertEquals("store-error", e.rule());
            assertFalse(e.getMessage().contains(wrongSecret), e.getMessage());
            assertFalse(e.getMessage().contains(S3TestServer.ACCESS_KEY), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        }
        String wrongKey = "AKIAWRONGKEYFORTEST";
        try (S3ArtifactStore wrong = new S3ArtifactStore(server.settings()
                .withStaticCredentials(wrongKey, S3TestServer.SECRET_KEY))) {
            KfmException e = assertThrows(KfmException.class, () -> wrong.open(s3("data/v1/features.geojsonl")));
            assertEquals("store-error", e.rule());
            assertFalse(e.getMessage().contains(wrongKey), e.getMessage());
            assertFalse(e.getMessage().contains(S3TestServer.SECRET_KEY), e.getMessage());
        }
    }

    @Test
    void unreachableServerIsAStoreErrorAfterBoundedRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StoreSettings settings = server.settings().withEndpoint(URI.create("http://127.0.0.1:" + closedPort), true);
        try (S3ArtifactStore down = new S3ArtifactStore(settings)) {
            KfmException e = assertThrows(KfmException.class, () -> down.open(s3("data/v1/features.geojsonl")));
            assertEquals("store-error", e.rule());
            assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
            assertFalse(down.canWrite(s3("receipts/x.json")));
        }
    }

    @Test
    void settingsNeverPrintTheSecret() {
        String printed = server.settings().toString();
        assertFalse(printed.contains(S3TestServer.SECRET_KEY), printed);
        assertFalse(printed.contains(S3TestServer.ACCESS_KEY), printed);
        assertTrue(printed.contains("pathStyle=true"), printed);
    }
}
