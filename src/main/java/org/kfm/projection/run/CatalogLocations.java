package org.kfm.projection.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.catalog.LocationPolicy;

/**
 * The catalog locations a caller of the service may make it read: those under the allowed
 * prefixes, compared by what they really are, not by how they are spelt. A {@code file:} location
 * is resolved to its real path (symbolic links followed, as the read would follow them) and must
 * lie under the real path of a prefix; a path that does not exist is judged by the real path of
 * its nearest existing ancestor, and a dangling symbolic link is refused, so the answer is the same
 * whether or not something exists outside. An {@code s3:} location is compared by bucket and key
 * on a segment boundary. Any {@code .} or {@code ..} segment left after normalization (an encoded
 * one, {@code %2e%2e}) is refused. Used for the root, every linked document and every asset.
 */
public final class CatalogLocations implements LocationPolicy {
    private static final CatalogLocations UNRESTRICTED = new CatalogLocations(List.of(), true);

    private final List<URI> prefixes;
    private final boolean unrestricted;

    /** @param prefixes normalized {@code file:} or {@code s3:} locations */
    public CatalogLocations(List<URI> prefixes) {
        this(prefixes, false);
    }

    private CatalogLocations(List<URI> prefixes, boolean unrestricted) {
        this.prefixes = List.copyOf(prefixes);
        this.unrestricted = unrestricted;
    }

    /** Everything may be read: for the configured catalog, which the operator chose, and the CLI. */
    public static CatalogLocations unrestricted() {
        return UNRESTRICTED;
    }

    /**
     * Turns a location as a caller wrote it into the URI a read would use.
     *
     * @throws org.kfm.projection.error.UsageException rule {@code invalid-store-uri} when it is none
     */
    public static URI location(String pathOrUri) {
        return ArtifactStores.location(pathOrUri);
    }

    @Override
    public boolean admits(URI location) {
        if (unrestricted) {
            return true;
        }
        URI normal = ArtifactStores.normalize(location);
        if (hasDotSegment(normal)) {
            return false;
        }
        if (isFile(normal)) {
            Optional<Path> real = realPath(normal);
            return real.isPresent() && prefixes.stream().filter(CatalogLocations::isFile)
                    .map(CatalogLocations::realPath).flatMap(Optional::stream).anyMatch(p -> real.get().startsWith(p));
        }
        return prefixes.stream().filter(p -> !isFile(p)).anyMatch(p -> under(normal, p));
    }

    /** Whether {@code location} is spelt under a prefix (no I/O): a first check for a caller's value. */
    public boolean spelledUnder(URI location) {
        return !hasDotSegment(location) && prefixes.stream().anyMatch(p -> under(location, p));
    }

    public List<URI> prefixes() {
        return prefixes;
    }

    private static boolean isFile(URI uri) {
        return uri.getScheme() == null || "file".equals(uri.getScheme().toLowerCase(Locale.ROOT));
    }

    /**
     * The real path of a local location, or of its nearest existing ancestor with the rest appended;
     * empty when it cannot be known (a dangling link, an I/O error), which refuses the location.
     */
    static Optional<Path> realPath(URI uri) {
        Path path;
        try {
            path = Path.of(uri.getScheme() == null ? URI.create("file://" + uri.getPath()) : uri).toAbsolutePath()
                    .normalize();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return realPath(path);
    }

    private static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(path) || Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            Path parent = path.getParent();
            if (parent == null) {
                return Optional.empty();
            }
            return realPath(parent).map(p -> p.resolve(path.getFileName().toString()));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Encoded dot segments ({@code %2e%2e}) survive normalization and would climb out once decoded. */
    private static boolean hasDotSegment(URI location) {
        String path = location.getPath();
        return path != null && List.of(path.split("/")).stream().anyMatch(s -> s.equals("..") || s.equals("."));
    }

    static boolean under(URI location, URI prefix) {
        String l = location.toString();
        String p = prefix.toString();
        return l.equals(p) || l.startsWith(p.endsWith("/") ? p : p + "/");
    }
}
