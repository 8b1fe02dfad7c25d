package org.kfm.projection.artifact;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kfm.projection.error.KfmException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Artifacts in S3 or an S3-compatible server, addressed as {@code s3://bucket/key}. Reads stream
 * straight from the GET response; retries (see {@link StoreSettings#maxAttempts()}) cover the
 * request, not a connection that breaks mid-stream, which surfaces as an {@link java.io.IOException}
 * from the read. Error messages carry the HTTP status, the S3 error code and the request id, never
 * credentials.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {
    private final S3Client client;
    private final List<String> secrets;

    /** Builds its own client from {@code settings}; {@link #close()} closes it. */
    public S3ArtifactStore(StoreSettings settings) {
        this(buildClient(settings), secretsOf(settings));
    }

    /** Uses a client configured elsewhere; {@link #close()} closes it. */
    public S3ArtifactStore(S3Client client) {
        this(client, List.of());
    }

    private S3ArtifactStore(S3Client client, List<String> secrets) {
        this.client = Objects.requireNonNull(client, "client");
        this.secrets = secrets;
    }

    /**
     * The client this store uses for {@code settings}: URL-connection HTTP client, bounded retries,
     * and checksum calculation/validation only when an operation requires it, because S3-compatible
     * servers answer 400 to the SDK's default checksum headers (measured with s3proxy). Artifacts
     * are verified end to end against the catalog's checksum instead.
     */
    static S3Client buildClient(StoreSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(settings.maxAttempts())))
                .credentialsProvider(credentials(settings));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public InputStream open(URI uri) {
        S3Location at = S3Location.of(uri);
        try {
            return client.getObject(r -> r.bucket(at.bucket()).key(at.key()));
        } catch (SdkException e) {
            throw translate(uri, "read", e);
        }
    }

    @Override
    public VerifyingInputStream openVerified(URI uri, String expectedChecksum, long expectedSize) {
        Checksums.requireSha256(expectedChecksum, uri);
        return new VerifyingInputStream(open(uri), uri, expectedChecksum, expectedSize);
    }

    @Override
    public void write(URI uri, byte[] content, String contentType) {
        S3Location at = S3Location.of(uri);
        try {
            client.putObject(r -> r.bucket(at.bucket()).key(at.key()).contentType(contentType),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw translate(uri, "write", e);
        }
    }

    /** True when the bucket exists and answers a HEAD request; a bucket policy may still deny writes. */
    @Override
    public boolean canWrite(URI uri) {
        S3Location at = S3Location.of(uri);
        try {
            client.headBucket(r -> r.bucket(at.bucket()));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private KfmException translate(URI uri, String action, SdkException e) {
        if (e instanceof NoSuchKeyException || e instanceof NoSuchBucketException
                || e instanceof S3Exception s3 && s3.statusCode() == 404) {
            String what = e instanceof NoSuchBucketException ? "no such bucket" : "no such object";
            return StoreErrors.missing(uri, what + " (" + describe(e) + ")", e);
        }
        if (e instanceof SdkClientException) {
            return StoreErrors.storeError(uri, "cannot " + action + ": S3 not reachable or not configured: "
                    + redact(e.getMessage()), e);
        }
        return StoreErrors.storeError(uri, "cannot " + action + ": " + describe(e)
                + "; check the bucket policy and the credentials of the default provider chain", e);
    }

    private String describe(SdkException e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            String code = s3.awsErrorDetails().errorCode();
            String message = s3.awsErrorDetails().errorMessage();
            return redact("HTTP " + s3.statusCode() + (code == null ? "" : " " + code)
                    + (message == null ? "" : ": " + message) + ", request id " + s3.requestId());
        }
        return redact(e.getMessage());
    }

    /** Belt and braces: servers may echo an access key id back in an error message. */
    private String redact(String text) {
        String out = String.valueOf(text);
        for (String secret : secrets) {
            out = out.replace(secret, "<masked>");
        }
        return out;
    }

    private static AwsCredentialsProvider credentials(StoreSettings settings) {
        if (settings.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId().get(), settings.secretAccessKey().orElseThrow()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static List<String> secretsOf(StoreSettings settings) {
        List<String> secrets = new ArrayList<>();
        settings.accessKeyId().filter(s -> !s.isEmpty()).ifPresent(secrets::add);
        settings.secretAccessKey().filter(s -> !s.isEmpty()).ifPresent(secrets::add);
        return List.copyOf(secrets);
    }
}
