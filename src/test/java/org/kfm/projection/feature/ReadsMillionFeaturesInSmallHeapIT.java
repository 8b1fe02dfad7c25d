package org.kfm.projection.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.bench.synth.SyntheticCatalogWriter;
import org.kfm.projection.bench.synth.SyntheticFormat;

/**
 * The readers stream: a million-feature GeoJSON (about 370 MB, a million distinct ids to check for
 * duplicates) reads in a child JVM capped at 256 MB of heap.
 */
class ReadsMillionFeaturesInSmallHeapIT {
    private static final long FEATURES = 1_000_000;

    @TempDir
    Path tmp;

    @Test
    void readsAMillionFeatureGeoJsonWithA256MbHeap() throws Exception {
        SyntheticCatalogWriter.Result catalog = new SyntheticCatalogWriter()
                .write(new SyntheticCatalogWriter.Options(tmp, FEATURES, 42, 1, SyntheticFormat.GEOJSON));
        Path data = catalog.assets().get(0).file();
        assertTrue(Files.size(data) > 256L << 20, "the artifact is larger than the heap");

        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ReadMillionFeaturesMain.class.getName(),
                data.toString(), FeatureFormat.GEOJSON.name(), Long.toString(FEATURES))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = child.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly();
        }
        String output = read(log);
        assertTrue(finished, "child did not finish in 120 s: " + output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("features=" + FEATURES + " "), output);
    }

    private static String read(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
