package org.kfm.projection.feature;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-JVM entry point of {@link ReadsMillionFeaturesInSmallHeapIT}: reads one artifact fully and prints the
 * feature count. Exit 0 when the count is the expected one, 1 when it is not; an OutOfMemoryError exits
 * non-zero by itself.
 */
public final class ReadMillionFeaturesMain {
    private ReadMillionFeaturesMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        FeatureFormat format = FeatureFormat.valueOf(args[1]);
        long expected = Long.parseLong(args[2]);
        long count = 0;
        long points = 0;
        try (InputStream in = Files.newInputStream(file);
                FeatureReader reader = new FeatureReaders().open(in, format,
                        new ReaderContext(file.toUri().toString(), ReaderContext.WGS84))) {
            for (Feature f = reader.next(); f != null; f = reader.next()) {
                points += f.geometry().getNumPoints();
                count++;
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println("features=" + count + " points=" + points + " maxHeapMB=" + (rt.maxMemory() >> 20)
                + " usedHeapMB=" + ((rt.totalMemory() - rt.freeMemory()) >> 20));
        System.exit(count == expected ? 0 : 1);
    }
}
