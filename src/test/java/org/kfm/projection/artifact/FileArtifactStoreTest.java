package org.kfm.projection.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.UsageException;

class FileArtifactStoreTest {
    private static final byte[] CONTENT = "{\"type\":\"FeatureCollection\",\"features\":[]}\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final FileArtifactStore store = new FileArtifactStore();

    private URI artifact(byte[] content) throws Exception {
        Path file = dir.resolve("data.geojson");
        Files.write(file, content);
        return file.toUri();
    }

    @Test
    void verifiedReadReturnsTheBytesAndTheActualDigest() throws Exception {
        URI uri = artifact(CONTENT);
        try (VerifyingInputStream in = store.openVerified(uri, TestBytes.multihash(CONTENT), CONTENT.length)) {
            assertArrayEquals(CONTENT, in.readAllBytes());
            ArtifactDigest digest = in.drainAndVerify();
            assertEquals(TestBytes.multihash(CONTENT), digest.checksum());
            assertEquals(CONTENT.length, digest.size());
        }
    }

    @Test
    void checksumMismatchNamesArtifactExpectedAndActual() throws Exception {
        URI uri = artifact(CONTENT);
        byte[] other = CONTENT.clone();
        other[0] = '[';
        String declared = TestBytes.multihash(other);
        try (VerifyingInputStream in = store.openVerified(uri, declared, CONTENT.length)) {
            BadInputException e = assertThrows(BadInputException.class, in::readAllBytes);
            assertEquals("checksum-mismatch", e.rule());
            assertTrue(e.getMessage().contains(uri.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("expected file:checksum " + declared), e.getMessage());
            assertTrue(e.getMessage().contains("actual " + TestBytes.multihash(CONTENT)), e.getMessage());
        }
    }

    @Test
    void sizeMismatchNamesExpectedAndActualSizes() throws Exception {
        URI uri = artifact(CONTENT);
        try (VerifyingInputStream in = store.openVerified(uri, TestBytes.multihash(CONTENT), CONTENT.length + 10)) {
            BadInputException e = assertThrows(BadInputException.class, in::readAllBytes);
            assertEquals("size-mismatch", e.rule());
            assertTrue(e.getMessage().contains(uri.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("expected file:size " + (CONTENT.length + 10) + " bytes, actual "
                    + CONTENT.length + " bytes"), e.getMessage());
        }
    }

    @Test
    void mismatchIsThrownByTheReadThatReachesEndOfStreamAndAgainAfter() throws Exception {
        URI uri = artifact(CONTENT);
        try (VerifyingInputStream in = store.openVerified(uri, TestBytes.multihash(new byte[0]), CONTENT.length)) {
            assertEquals(CONTENT.length, in.readNBytes(CONTENT.length).length);
            BadInputException first = assertThrows(BadInputException.class, in::read);
            assertEquals("checksum-mismatch", first.rule());
            assertSame(first, assertThrows(BadInputException.class, () -> in.read(new byte[4])));
            assertSame(first, assertThrows(BadInputException.class, in::drainAndVerify));
        }
    }

    @Test
    void closingBeforeEndOfStreamDoesNotVerify() throws Exception {
        URI uri = artifact(CONTENT);
        VerifyingInputStream in = store.openVerified(uri, TestBytes.multihash(new byte[0]), 1);
        assertEquals('{', in.read());
        in.close();
    }

    @Test
    void drainAndVerifyAfterAParserClosedTheStreamAtItsEnd() throws Exception {
        URI uri = artifact(CONTENT);
        VerifyingInputStream in = store.openVerified(uri, TestBytes.multihash(CONTENT), CONTENT.length);
        in.readAllBytes();
        in.close();
        assertEquals(CONTENT.length, in.drainAndVerify().size());
        VerifyingInputStream cut = store.openVerified(uri, TestBytes.multihash(CONTENT), CONTENT.length + 1);
        BadInputException failure = assertThrows(BadInputException.class, cut::readAllBytes);
        assertEquals("size-mismatch", failure.rule());
        cut.close();
        assertSame(failure, assertThrows(BadInputException.class, cut::drainAndVerify));
    }

    @Test
    void drainAndVerifyRefusesAStreamClosedBeforeItsEnd() throws Exception {
        VerifyingInputStream in = store.openVerified(artifact(CONTENT), TestBytes.multihash(CONTENT), CONTENT.length);
        in.readNBytes(3);
        in.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, in::drainAndVerify);
        assertTrue(e.getMessage().contains("closed after 3 bytes"), e.getMessage());
    }

    @Test
    void drainAndVerifyChecksWhatTheParserLeftUnread() throws Exception {
        URI uri = artifact(CONTENT);
        try (VerifyingInputStream in = store.openVerified(uri, TestBytes.multihash(CONTENT), CONTENT.length)) {
            in.readNBytes(5);
            assertEquals(CONTENT.length, in.drainAndVerify().size());
            assertEquals(CONTENT.length, in.drainAndVerify().size());
        }
        try (VerifyingInputStream in = store.openVerified(uri, TestBytes.multihash(CONTENT), CONTENT.length - 1)) {
            in.readNBytes(5);
            assertEquals("size-mismatch", assertThrows(BadInputException.class, in::drainAndVerify).rule());
        }
    }

    @Test
    void skippedBytesAreHashedToo() throws Exception {
        URI uri = artifact(CONTENT);
        try (VerifyingInputStream in = store.openVerified(uri, TestBytes.multihash(CONTENT), CONTENT.length)) {
            assertEquals(3, in.skip(3));
            in.readAllBytes();
            assertEquals(CONTENT.length, in.bytesRead());
        }
    }

    @Test
    void missingFileIsMissingArtifact() {
        URI uri = dir.resolve("nope.geojson").toUri();
        BadInputException e = assertThrows(BadInputException.class, () -> store.open(uri));
        assertEquals("missing-artifact", e.rule());
        assertTrue(e.getMessage().contains(uri.toString()), e.getMessage());
        assertEquals("missing-artifact", assertThrows(BadInputException.class,
                () -> store.openVerified(uri, TestBytes.multihash(CONTENT), 1)).rule());
    }

    @Test
    void directoryIsMissingArtifact() {
        assertEquals("missing-artifact",
                assertThrows(BadInputException.class, () -> store.open(dir.toUri())).rule());
    }

    @Test
    void unsupportedChecksumIsReportedBeforeTheFileIsOpened() {
        URI uri = dir.resolve("nope.geojson").toUri();
        BadInputException e = assertThrows(BadInputException.class,
                () -> store.openVerified(uri, "1114da39a3ee5e6b4b0d3255bfef95601890afd80709", 1));
        assertEquals("unsupported-checksum", e.rule());
    }

    @Test
    void schemeLessAbsolutePathIsALocalFile() throws Exception {
        Path file = dir.resolve("plain.json");
        Files.write(file, CONTENT);
        try (InputStream in = store.open(URI.create(file.toString()))) {
            assertArrayEquals(CONTENT, in.readAllBytes());
        }
    }

    @Test
    void otherSchemesAreRefused() {
        assertEquals("unknown-store-scheme", assertThrows(UsageException.class,
                () -> store.open(URI.create("s3://bucket/key"))).rule());
    }

    @Test
    void writeCreatesDirectoriesAndReplacesTheWholeFile() throws Exception {
        URI uri = dir.resolve("receipts/2024/run-1.json").toUri();
        assertTrue(store.canWrite(uri));
        store.write(uri, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json");
        store.write(uri, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        try (InputStream in = store.open(uri)) {
            assertEquals("{}", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        try (var listing = Files.list(dir.resolve("receipts/2024"))) {
            assertEquals(1, listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void cannotWriteBelowARegularFile() throws Exception {
        Path file = dir.resolve("file.txt");
        Files.writeString(file, "x");
        assertFalse(store.canWrite(file.resolve("child.json").toUri()));
        assertFalse(store.canWrite(dir.toUri()));
    }
}
