package org.kfm.projection.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kfm.projection.feature.Feature;
import org.kfm.projection.feature.FeatureFormat;
import org.kfm.projection.feature.FeatureReader;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.feature.ReaderContext;

/** Small artifacts read whole, as the readers return them: the tests' one loop over a reader. */
public final class FeatureFiles {
    private FeatureFiles() {
    }

    public static List<Feature> readAll(Path file, FeatureFormat format, ReaderContext ctx) {
        try (InputStream in = Files.newInputStream(file)) {
            return readAll(in, format, ctx);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every feature of {@code in}, checking that the reader's position counts them. */
    public static List<Feature> readAll(InputStream in, FeatureFormat format, ReaderContext ctx) {
        List<Feature> out = new ArrayList<>();
        try (FeatureReader reader = new FeatureReaders().open(in, format, ctx)) {
            for (Feature f = reader.next(); f != null; f = reader.next()) {
                out.add(f);
            }
            if (reader.position() != out.size()) {
                throw new AssertionError("position " + reader.position() + " != " + out.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
