package org.kfm.projection.feature;

import java.nio.file.Path;
import org.kfm.projection.bench.readers.ReaderBenchmark;

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
        ReaderBenchmark.Tally read = ReaderBenchmark.tally(new FeatureReaders(), file, format);
        Runtime rt = Runtime.getRuntime();
        System.out.println("features=" + read.features() + " points=" + read.points() + " maxHeapMB="
                + (rt.maxMemory() >> 20) + " usedHeapMB=" + ((rt.totalMemory() - rt.freeMemory()) >> 20));
        System.exit(read.features() == expected ? 0 : 1);
    }
}
