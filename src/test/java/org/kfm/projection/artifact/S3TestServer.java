package org.kfm.projection.artifact;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (s3proxy 4.0.0, in-memory blob store) on a free loopback port, for
 * tests. s3proxy 4 no longer embeds jclouds: its own {@code TransientNio2BlobStore} keeps objects in
 * an in-memory file system and is dropped with the server.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "kfm-test-access-key";
    public static final String SECRET_KEY = "kfm-test-secret-key-do-not-print";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final S3Proxy proxy;
    private final URI endpoint;
    private final S3Client client;
    /** Held so the lowered level survives garbage collection of otherwise unreferenced loggers. */
    private final Logger quietened;

    private S3TestServer(S3Proxy proxy, URI endpoint, Logger quietened) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.quietened = quietened;
        this.client = S3ArtifactStore.buildClient(settings());
    }

    /** Starts a server on 127.0.0.1 with an ephemeral port (port 0: the kernel picks a free one). */
    public static S3TestServer start() throws Exception {
        // s3proxy and its shaded Jetty log every start and stop at INFO; the test output needs none of it.
        Logger quiet = Logger.getLogger("org.gaul");
        quiet.setLevel(Level.WARNING);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                proxy.stop();
                throw new IllegalStateException("s3proxy did not start within " + START_TIMEOUT);
            }
            Thread.sleep(10);
        }
        return new S3TestServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), quiet);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Settings for this server: path-style, static test credentials, two attempts. */
    public StoreSettings settings() {
        return StoreSettings.defaults().withEndpoint(endpoint, true)
                .withStaticCredentials(ACCESS_KEY, SECRET_KEY).withMaxAttempts(2);
    }

    /** An SDK client configured like the store's, for arranging test data. */
    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public void put(String bucket, String key, byte[] content) {
        client.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
