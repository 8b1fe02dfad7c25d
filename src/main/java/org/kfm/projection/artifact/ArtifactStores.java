package org.kfm.projection.artifact;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.kfm.projection.error.UsageException;

/**
 * Picks the artifact store by URI scheme: {@code file} or none (a local path) and {@code s3}. It is
 * itself an {@link ArtifactStore} that delegates, so callers hold one object. The S3 store is
 * created on first use, so runs that only touch local files never build an S3 client.
 */
public final class ArtifactStores implements ArtifactStore, AutoCloseable {
    private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*", Pattern.DOTALL);

    private final ArtifactStore fileStore;
    private final Supplier<? extends ArtifactStore> s3Factory;
    private ArtifactStore s3Store;

    /**
     * @param fileStore store for {@code file:} URIs and plain paths
     * @param s3Factory creates the store for {@code s3:} URIs, called at most once, on first use
     */
    public ArtifactStores(ArtifactStore fileStore, Supplier<? extends ArtifactStore> s3Factory) {
        this.fileStore = Objects.requireNonNull(fileStore, "fileStore");
        this.s3Factory = Objects.requireNonNull(s3Factory, "s3Factory");
    }

    /** Local files plus an S3 store built from {@code settings} when first needed. */
    public static ArtifactStores create(StoreSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new ArtifactStores(new FileArtifactStore(), () -> new S3ArtifactStore(settings));
    }

    /**
     * The store that handles {@code uri}.
     *
     * @throws UsageException rule {@code unknown-store-scheme} for a scheme other than file or s3
     */
    public ArtifactStore storeFor(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || "file".equalsIgnoreCase(scheme)) {
            return fileStore;
        }
        if ("s3".equalsIgnoreCase(scheme)) {
            return s3Store();
        }
        throw StoreErrors.unknownScheme(uri);
    }

    /** Whether some store handles {@code uri}'s scheme (no I/O). */
    public boolean supports(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.isEmpty() || scheme.equals("file") || scheme.equals("s3");
    }

    /**
     * Turns a location as an operator types it into a URI: a string with a scheme ({@code s3://b/k},
     * {@code file:/x}) is parsed as a URI, anything else is a local path made absolute, so relative
     * hrefs resolve and error messages name the full location.
     *
     * @throws UsageException rule {@code invalid-store-uri} when the string is neither
     */
    public static URI location(String pathOrUri) {
        Objects.requireNonNull(pathOrUri, "pathOrUri");
        if (pathOrUri.isBlank()) {
            throw StoreErrors.invalidUri(pathOrUri, "empty location");
        }
        try {
            if (URI_SCHEME.matcher(pathOrUri).matches()) {
                return normalize(new URI(pathOrUri));
            }
            return normalize(Path.of(pathOrUri).toAbsolutePath().normalize().toUri());
        } catch (URISyntaxException | InvalidPathException e) {
            throw StoreErrors.invalidUri(pathOrUri, e.getMessage());
        }
    }

    /**
     * Resolves an href from a document at {@code base}, as STAC does for relative links: an absolute
     * href stands alone, a relative one ({@code item.json}, {@code ../c/collection.json},
     * {@code /x.json}) resolves against the base by RFC 3986 rules, for {@code file:} and
     * {@code s3:} alike (in {@code s3://bucket/...} the bucket is the authority, so {@code ..} never
     * climbs out of it).
     *
     * @throws IllegalArgumentException when {@code href} is not a URI reference, or climbs above the
     *     root of the base (a {@code ..} segment survives resolution)
     */
    public static URI resolve(URI base, String href) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(href, "href");
        URI ref;
        try {
            ref = new URI(href);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI reference (percent-encode spaces and other reserved "
                    + "characters): " + e.getMessage(), e);
        }
        URI resolved = normalize(ref.isAbsolute() ? ref : base.resolve(ref));
        String path = resolved.getPath();
        if (path != null && (path.equals("..") || path.startsWith("../") || path.contains("/../")
                || path.endsWith("/.."))) {
            throw new IllegalArgumentException("climbs above the root of " + base);
        }
        return resolved;
    }

    /**
     * One spelling per location, so locations compare and print alike: dot segments removed, and a
     * local {@code file:} URI written as {@code file:///path} (the form {@link Path#toUri()} gives;
     * {@link URI#resolve} would give {@code file:/path}).
     */
    public static URI normalize(URI uri) {
        URI normal = uri.normalize();
        if ("file".equalsIgnoreCase(normal.getScheme()) && (normal.getRawAuthority() == null
                || normal.getRawAuthority().isEmpty()) && normal.getRawPath() != null
                && normal.getRawPath().startsWith("/")) {
            return URI.create("file://" + normal.getRawPath());
        }
        return normal;
    }

    @Override
    public InputStream open(URI uri) {
        return storeFor(uri).open(uri);
    }

    @Override
    public VerifyingInputStream openVerified(URI uri, String expectedChecksum, long expectedSize) {
        return storeFor(uri).openVerified(uri, expectedChecksum, expectedSize);
    }

    @Override
    public void write(URI uri, byte[] content, String contentType) {
        storeFor(uri).write(uri, content, contentType);
    }

    @Override
    public boolean canWrite(URI uri) {
        return storeFor(uri).canWrite(uri);
    }

    /** Closes the S3 store if one was created. */
    @Override
    public synchronized void close() {
        if (s3Store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the S3 artifact store failed", e);
            }
        }
    }

    private synchronized ArtifactStore s3Store() {
        if (s3Store == null) {
            s3Store = Objects.requireNonNull(s3Factory.get(), "s3 store");
        }
        return s3Store;
    }
}
