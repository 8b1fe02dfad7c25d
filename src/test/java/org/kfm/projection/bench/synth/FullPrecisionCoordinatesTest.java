package org.kfm.projection.bench.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kfm.projection.feature.Feature;
import org.kfm.projection.feature.FeatureReader;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.feature.ReaderContext;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/** Full-precision coordinates: deterministic, unrounded, the same features, valid, closed rings. */
class FullPrecisionCoordinatesTest {
    private static final int FEATURES = 1_001;
    private static final Pattern COORDINATES = Pattern.compile("\"coordinates\":(\\[[-0-9.,\\[\\]Ee]*\\])");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(?:\\.([0-9]+))?(?:[Ee]-?[0-9]+)?");

    @TempDir
    Path tmp;

    private SyntheticCatalogWriter.Result write(String dir, SyntheticFormat format, CoordinatePrecision precision)
            throws IOException {
        return new SyntheticCatalogWriter().write(new SyntheticCatalogWriter.Options(tmp.resolve(dir), FEATURES, 7, 3,
                format, precision));
    }

    @ParameterizedTest
    @EnumSource(SyntheticFormat.class)
    void sameArgumentsGiveByteIdenticalFiles(SyntheticFormat format) throws Exception {
        write("a", format, CoordinatePrecision.FULL);
        write("b", format, CoordinatePrecision.FULL);
        write("six", format, CoordinatePrecision.DEFAULT);
        String a = SyntheticCatalogWriterTest.treeDigest(tmp.resolve("a"));
        assertEquals(a, SyntheticCatalogWriterTest.treeDigest(tmp.resolve("b")));
        assertNotEquals(a, SyntheticCatalogWriterTest.treeDigest(tmp.resolve("six")), "the option changes the bytes");
    }

    @Test
    void coordinatesCarryAllTheirDigitsInTheText() throws IOException {
        SyntheticCatalogWriter.Result full = write("full", SyntheticFormat.GEOJSON, CoordinatePrecision.FULL);
        SyntheticCatalogWriter.Result six = write("six", SyntheticFormat.GEOJSON, CoordinatePrecision.DEFAULT);
        List<Integer> fullDecimals = coordinateDecimals(full);
        List<Integer> sixDecimals = coordinateDecimals(six);
        assertEquals(sixDecimals.size(), fullDecimals.size());
        assertTrue(sixDecimals.stream().allMatch(d -> d <= 6), "6 decimals at most when rounded");
        // a double near 100 has 15 to 17 significant digits: 13 or more decimals unless it ends in zeros
        long many = fullDecimals.stream().filter(d -> d >= 13).count();
        assertTrue(many > fullDecimals.size() * 0.95, many + " of " + fullDecimals.size() + " with >= 13 decimals");
        assertTrue(full.bytes() > six.bytes() * 1.3, full.bytes() + " vs " + six.bytes());
    }

    /** Rounding changes digits only: the same random draws, so rounding the full features gives the 6-decimal ones. */
    @Test
    void roundedFullPrecisionFeaturesAreTheSixDecimalFeatures() throws IOException {
        List<Feature> full = read(write("full", SyntheticFormat.GEOJSON, CoordinatePrecision.FULL));
        List<Feature> six = read(write("six", SyntheticFormat.GEOJSON, CoordinatePrecision.DEFAULT));
        assertEquals(FEATURES, full.size());
        assertEquals(six.size(), full.size());
        long unrounded = 0;
        long total = 0;
        for (int i = 0; i < full.size(); i++) {
            assertEquals(six.get(i).id(), full.get(i).id());
            assertEquals(six.get(i).propertiesJson(), full.get(i).propertiesJson());
            Coordinate[] f = full.get(i).geometry().getCoordinates();
            Coordinate[] r = six.get(i).geometry().getCoordinates();
            assertEquals(r.length, f.length, full.get(i).id());
            for (int k = 0; k < f.length; k++) {
                assertEquals(r[k].x, CoordinatePrecision.DEFAULT.apply(f[k].x), full.get(i).id());
                assertEquals(r[k].y, CoordinatePrecision.DEFAULT.apply(f[k].y), full.get(i).id());
                unrounded += (f[k].x != r[k].x ? 1 : 0) + (f[k].y != r[k].y ? 1 : 0);
                total += 2;
            }
        }
        assertTrue(unrounded > total * 0.99, unrounded + " of " + total + " coordinates differ from their rounding");
    }

    /** The text is the shortest that reads back: GeoJSON gives the same doubles as FlatGeobuf's binary ones. */
    @Test
    void textReadsBackToTheSameDoublesAsBinary() throws IOException {
        List<Feature> text = read(write("geojson", SyntheticFormat.GEOJSON, CoordinatePrecision.FULL));
        List<Feature> binary = read(write("fgb", SyntheticFormat.FGB, CoordinatePrecision.FULL));
        assertEquals(binary.size(), text.size());
        for (int i = 0; i < text.size(); i++) {
            assertTrue(binary.get(i).geometry().equalsExact(text.get(i).geometry(), 0.0), text.get(i).id());
        }
    }

    @Test
    void readBackGeometriesAreValidWithExactlyClosedRings() throws IOException {
        List<Feature> features = read(write("full", SyntheticFormat.GEOJSON, CoordinatePrecision.FULL));
        int polygons = 0;
        for (Feature f : features) {
            assertTrue(f.geometry().isValid(), f.id());
            polygons += requireClosedRings(f.geometry(), f.id());
        }
        assertTrue(polygons > FEATURES / 5, polygons + " polygons checked");
    }

    /** Straight from the generator, more features than a file is worth writing for. */
    @Test
    void generatedGeometriesAreValidWithExactlyClosedRings() {
        SyntheticFeatures features = new SyntheticFeatures(11, "t-", CoordinatePrecision.FULL);
        int polygons = 0;
        for (int i = 0; i < 20_000; i++) {
            SyntheticFeature f = features.next();
            assertTrue(f.geometry().isValid(), f.id() + " " + f.geometry());
            polygons += requireClosedRings(f.geometry(), f.id());
        }
        assertTrue(polygons > 5_000, polygons + " polygons checked");
    }

    private static int requireClosedRings(Geometry g, String id) {
        int polygons = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p) {
                polygons++;
                requireClosed(p.getExteriorRing(), id);
                for (int k = 0; k < p.getNumInteriorRing(); k++) {
                    requireClosed(p.getInteriorRingN(k), id);
                }
            }
        }
        return polygons;
    }

    private static void requireClosed(LineString ring, String id) {
        CoordinateSequence s = ring.getCoordinateSequence();
        int last = s.size() - 1;
        assertEquals(Double.doubleToRawLongBits(s.getX(0)), Double.doubleToRawLongBits(s.getX(last)), id);
        assertEquals(Double.doubleToRawLongBits(s.getY(0)), Double.doubleToRawLongBits(s.getY(last)), id);
    }

    /** The number of decimals of every number inside a {@code coordinates} member of the data files. */
    private static List<Integer> coordinateDecimals(SyntheticCatalogWriter.Result result) throws IOException {
        List<Integer> decimals = new ArrayList<>();
        for (WrittenAsset a : result.assets()) {
            Matcher m = COORDINATES.matcher(Files.readString(a.file(), StandardCharsets.UTF_8));
            while (m.find()) {
                Matcher n = NUMBER.matcher(m.group(1));
                while (n.find()) {
                    decimals.add(n.group(1) == null ? 0 : n.group(1).length());
                }
            }
        }
        assertTrue(decimals.size() > FEATURES * 4, decimals.size() + " coordinates found");
        return decimals;
    }

    private static List<Feature> read(SyntheticCatalogWriter.Result result) throws IOException {
        List<Feature> features = new ArrayList<>();
        for (WrittenAsset a : result.assets()) {
            ReaderContext ctx = new ReaderContext(a.file().toUri().toString(), 4326, 4326,
                    Optional.empty());
            try (FeatureReader r = new FeatureReaders().open(Files.newInputStream(a.file()), a.format(), ctx)) {
                for (Feature f = r.next(); f != null; f = r.next()) {
                    features.add(f);
                }
            }
        }
        return features;
    }
}
