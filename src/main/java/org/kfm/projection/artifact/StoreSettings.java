package org.kfm.projection.artifact;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kfm.projection.error.UsageException;

/**
 * Settings of the S3 artifact store. Credentials come from the AWS default provider chain
 * (environment, system properties, web identity, profile files, container and instance roles)
 * unless both static keys are set, which is meant for tests against a local S3-compatible server.
 *
 * @param region AWS region used for request signing, e.g. {@code us-east-1}; S3-compatible servers
 *     usually accept any value
 * @param endpoint endpoint override for S3-compatible servers (MinIO, Ceph, s3proxy), e.g.
 *     {@code http://127.0.0.1:9000}; empty for AWS itself
 * @param pathStyle address buckets as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key};
 *     most S3-compatible servers need it
 * @param maxAttempts attempts per request, first try included (1 to 10); transient failures
 *     (throttling, 5xx, connection errors) are retried with the SDK's standard backoff
 * @param accessKeyId static access key id (tests only); set together with {@code secretAccessKey}
 * @param secretAccessKey static secret key (tests only); never printed
 */
public record StoreSettings(String region, Optional<URI> endpoint, boolean pathStyle, int maxAttempts,
                            Optional<String> accessKeyId, Optional<String> secretAccessKey) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    private static final int MAX_ATTEMPTS_LIMIT = 10;

    /** Validates every setting and lists all problems together. */
    public StoreSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        List<String> problems = new ArrayList<>();
        if (region == null || region.isBlank()) {
            problems.add("region is empty (e.g. " + DEFAULT_REGION + ")");
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            problems.add("maxAttempts must be between 1 and " + MAX_ATTEMPTS_LIMIT + ", got " + maxAttempts);
        }
        endpoint.ifPresent(e -> {
            if (!"http".equalsIgnoreCase(e.getScheme()) && !"https".equalsIgnoreCase(e.getScheme())
                    || e.getHost() == null) {
                problems.add("endpoint must be an http or https URL with a host, got '" + e + "'");
            }
        });
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            problems.add("set both static credentials (access key id and secret) or neither");
        }
        if (!problems.isEmpty()) {
            throw new UsageException("invalid-store-settings", "S3 store settings: " + String.join("; ", problems));
        }
    }

    /** AWS defaults: region {@value #DEFAULT_REGION}, no endpoint override, virtual-hosted style. */
    public static StoreSettings defaults() {
        return new StoreSettings(DEFAULT_REGION, Optional.empty(), false, DEFAULT_MAX_ATTEMPTS,
                Optional.empty(), Optional.empty());
    }

    /** A copy that talks to an S3-compatible server at {@code endpoint}. */
    public StoreSettings withEndpoint(URI endpoint, boolean pathStyle) {
        return new StoreSettings(region, Optional.of(endpoint), pathStyle, maxAttempts, accessKeyId, secretAccessKey);
    }

    /** A copy with static credentials instead of the default provider chain (tests). */
    public StoreSettings withStaticCredentials(String accessKeyId, String secretAccessKey) {
        return new StoreSettings(region, endpoint, pathStyle, maxAttempts, Optional.of(accessKeyId),
                Optional.of(secretAccessKey));
    }

    /** A copy with another attempt limit. */
    public StoreSettings withMaxAttempts(int maxAttempts) {
        return new StoreSettings(region, endpoint, pathStyle, maxAttempts, accessKeyId, secretAccessKey);
    }

    /** Credentials are masked: this string is safe to log. */
    @Override
    public String toString() {
        return "StoreSettings[region=" + region + ", endpoint=" + endpoint.map(URI::toString).orElse("<aws>")
                + ", pathStyle=" + pathStyle + ", maxAttempts=" + maxAttempts + ", credentials="
                + (accessKeyId.isPresent() ? "static <masked>" : "default provider chain") + "]";
    }
}
