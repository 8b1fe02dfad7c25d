package org.kfm.projection.bench.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kfm.projection.feature.FeatureReaders;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

class GeoJsonSinkTest {
    /**
     * JDK 17's {@code Double.toString} writes 9.999999999999999E22 for 1.0E23 and 2.82879384806159008E17 for
     * 2.82879384806159E17 (JDK-4511638, fixed in 19); the generator must write the shortest text on every JVM.
     */
    @Test
    void writesDoublesAsTheShortestTextThatReadsBackOnEveryJvm() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GeoJsonSink sink = new GeoJsonSink(out, SyntheticCatalogWriter.writing(
                FeatureReaders.defaultJsonFactory()), true)) {
            sink.write(new SyntheticFeature("x", new GeometryFactory().createPoint(new Coordinate(1.0E23,
                    2.82879384806159E17)), "n", "c", 0.1, 1, true));
        }
        assertEquals("\u001e{\"type\":\"Feature\",\"id\":\"x\",\"geometry\":{\"type\":\"Point\",\"coordinates\":"
                + "[1.0E23,2.82879384806159E17]},\"properties\":{\"name\":\"n\",\"category\":\"c\",\"value\":0.1,"
                + "\"rank\":1,\"active\":true}}\n", out.toString(StandardCharsets.UTF_8));
    }
}
