package org.kfm.projection.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.FileSystemNotFoundException;

/**
 * Artifacts on the local file system, addressed by {@code file:} URIs or by scheme-less URIs, which
 * are paths (relative ones resolve against the working directory).
 */
public final class FileArtifactStore implements ArtifactStore {

    @Override
    public InputStream open(URI uri) {
        Path path = toPath(uri);
        if (Files.isDirectory(path)) {
            throw StoreErrors.missing(uri, "is a directory, not a file", null);
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw StoreErrors.missing(uri, "no such file: " + path, e);
        } catch (AccessDeniedException e) {
            throw StoreErrors.storeError(uri, "permission denied reading " + path, e);
        } catch (IOException e) {
            throw StoreErrors.storeError(uri, "cannot read " + path + ": " + e, e);
        }
    }

    @Override
    public VerifyingInputStream openVerified(URI uri, String expectedChecksum, long expectedSize) {
        // Check the declaration before touching the file, so a bad checksum is reported as such.
        Checksums.requireSha256(expectedChecksum, uri);
        return new VerifyingInputStream(open(uri), uri, expectedChecksum, expectedSize);
    }

    @Override
    public void write(URI uri, byte[] content, String contentType) {
        Path path = toPath(uri).toAbsolutePath();
        Path dir = path.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
            Files.write(tmp, content);
            moveIntoPlace(tmp, path);
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw StoreErrors.storeError(uri, "cannot write " + path + ": " + e, e);
        }
    }

    @Override
    public boolean canWrite(URI uri) {
        Path path = toPath(uri).toAbsolutePath();
        if (Files.exists(path)) {
            return Files.isRegularFile(path) && Files.isWritable(path) && Files.isWritable(path.getParent());
        }
        // write() creates missing directories: the nearest existing ancestor decides.
        Path ancestor = path.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        return ancestor != null && Files.isDirectory(ancestor) && Files.isWritable(ancestor);
    }

    /**
     * The local path of a {@code file:} or scheme-less URI.
     *
     * @throws org.kfm.projection.error.UsageException rule {@code unknown-store-scheme} for any other
     *     scheme, {@code invalid-store-uri} for a {@code file:} URI that names no local path
     */
    static Path toPath(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null) {
            if (uri.getPath() == null || uri.getPath().isEmpty()) {
                throw StoreErrors.invalidUri(uri.toString(), "empty path");
            }
            return Path.of(uri.getPath());
        }
        if (!"file".equalsIgnoreCase(scheme)) {
            throw StoreErrors.unknownScheme(uri);
        }
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw StoreErrors.invalidUri(uri.toString(), e.getMessage());
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path tmp, IOException first) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException cleanup) {
            first.addSuppressed(cleanup);
        }
    }
}
