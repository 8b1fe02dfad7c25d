package org.kfm.projection.artifact;

import java.net.URI;

/** Bucket and key of an {@code s3://bucket/key} URI; the key is percent-decoded. */
record S3Location(String bucket, String key) {

    static S3Location of(URI uri) {
        if (!"s3".equalsIgnoreCase(uri.getScheme())) {
            throw StoreErrors.unknownScheme(uri);
        }
        String bucket = uri.getAuthority();
        String path = uri.getPath();
        if (bucket == null || bucket.isEmpty()) {
            throw StoreErrors.invalidUri(uri.toString(), "no bucket: use s3://bucket/key");
        }
        if (path == null || path.length() <= 1 || path.endsWith("/")) {
            throw StoreErrors.invalidUri(uri.toString(), "no object key: use s3://bucket/key");
        }
        return new S3Location(bucket, path.substring(1));
    }
}
