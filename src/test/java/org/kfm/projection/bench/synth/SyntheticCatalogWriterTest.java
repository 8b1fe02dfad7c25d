package org.kfm.projection.bench.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.kfm.projection.feature.Feature;
import org.kfm.projection.feature.FeatureReader;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.feature.ReaderContext;
import org.locationtech.jts.geom.Envelope;

class SyntheticCatalogWriterTest {
    @TempDir
    Path tmp;

    private SyntheticCatalogWriter.Result write(Path dir, SyntheticFormat format, long seed) throws IOException {
        return new SyntheticCatalogWriter().write(new SyntheticCatalogWriter.Options(dir, 1_001, seed, 3, format));
    }

    @ParameterizedTest
    @EnumSource(SyntheticFormat.class)
    void sameArgumentsGiveByteIdenticalFiles(SyntheticFormat format) throws IOException {
        write(tmp.resolve("a"), format, 7);
        write(tmp.resolve("b"), format, 7);
        write(tmp.resolve("c"), format, 8);
        List<Path> a = files(tmp.resolve("a"));
        assertEquals(a.size(), files(tmp.resolve("b")).size());
        assertEquals(1 + 1 + 3 + 3, a.size());
        for (Path f : a) {
            Path rel = tmp.resolve("a").relativize(f);
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(tmp.resolve("b").resolve(rel)), rel.toString());
        }
        Path data = tmp.resolve("a").relativize(a.stream().filter(p -> p.toString().endsWith(format.extension()))
                .findFirst().orElseThrow());
        assertNotEquals(HexFormat.of().formatHex(Files.readAllBytes(tmp.resolve("a").resolve(data))),
                HexFormat.of().formatHex(Files.readAllBytes(tmp.resolve("c").resolve(data))), "another seed differs");
    }

    @ParameterizedTest
    @EnumSource(SyntheticFormat.class)
    void itemsDeclareWhatTheirAssetsHold(SyntheticFormat format) throws Exception {
        SyntheticCatalogWriter.Result result = write(tmp, format, 42);
        assertEquals(1_001, result.features());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode catalog = mapper.readTree(result.catalog().toFile());
        Path collectionFile = tmp.resolve(catalog.at("/links/1/href").asText()).normalize();
        JsonNode collection = mapper.readTree(collectionFile.toFile());
        long total = 0;
        for (JsonNode link : collection.get("links")) {
            if (!"item".equals(link.get("rel").asText())) {
                continue;
            }
            Path itemFile = collectionFile.getParent().resolve(link.get("href").asText()).normalize();
            JsonNode item = mapper.readTree(itemFile.toFile());
            JsonNode asset = item.at("/assets/data");
            Path data = itemFile.getParent().resolve(asset.get("href").asText()).normalize();
            assertEquals(format.featureFormat().mediaType(), asset.get("type").asText());
            assertEquals("data", asset.at("/roles/0").asText());
            assertEquals(Files.size(data), asset.get("file:size").asLong());
            assertEquals("1220" + sha256(data), asset.get("file:checksum").asText());
            assertEquals(SyntheticCatalogWriter.promotedAt(42), item.at("/properties/kfm:promoted_at").asText());
            JsonNode b = item.get("bbox");
            Envelope bbox = new Envelope(b.get(0).asDouble(), b.get(2).asDouble(), b.get(1).asDouble(),
                    b.get(3).asDouble());
            long read = 0;
            ReaderContext ctx = new ReaderContext(data.toUri().toString(), item.at("/properties/proj:epsg").asInt(),
                    4326, Optional.empty());
            try (FeatureReader r = new FeatureReaders().open(Files.newInputStream(data), format.featureFormat(), ctx)) {
                for (Feature f = r.next(); f != null; f = r.next()) {
                    assertTrue(bbox.contains(f.geometry().getEnvelopeInternal()), f.id());
                    assertTrue(f.geometry().isValid(), f.id());
                    read++;
                }
            }
            assertEquals(item.at("/properties/kfm:feature_count").asLong(), read);
            total += read;
        }
        assertEquals(1_001, total);
    }

    @Test
    void anotherPrecisionIsAnotherDatasetVersion() throws Exception {
        // Same ids for different coordinates would make parity (rightly) fail a rebuild that swaps one for the other.
        List<String> six = versionIds(new SyntheticCatalogWriter.Options(tmp.resolve("six"), 300, 42, 2,
                SyntheticFormat.GEOJSON, CoordinatePrecision.DEFAULT));
        List<String> full = versionIds(new SyntheticCatalogWriter.Options(tmp.resolve("full"), 300, 42, 2,
                SyntheticFormat.GEOJSON, CoordinatePrecision.FULL));
        List<String> three = versionIds(new SyntheticCatalogWriter.Options(tmp.resolve("three"), 300, 42, 2,
                SyntheticFormat.GEOJSON, CoordinatePrecision.decimals(3)));
        assertEquals(List.of("synthetic-1-s42", "synthetic-2-s42"), six);
        assertEquals(List.of("synthetic-1-s42-pfull", "synthetic-2-s42-pfull"), full);
        assertEquals(List.of("synthetic-1-s42-p3", "synthetic-2-s42-p3"), three);
    }

    private static List<String> versionIds(SyntheticCatalogWriter.Options options) throws IOException {
        return new SyntheticCatalogWriter().write(options).assets().stream().map(WrittenAsset::datasetVersionId)
                .toList();
    }

    /**
     * The bytes the generator wrote before coordinate precision became an option (6 decimals, seed 7, 1,001
     * features in 3 datasets): the digest of {@code find . -type f | LC_ALL=C sort | xargs sha256sum}, so
     * every file of the catalog is covered, data and STAC documents alike. Benchmark figures were measured on
     * these files; a change here makes them incomparable.
     */
    @ParameterizedTest
    @CsvSource({
        "GEOJSON, af90d34e2a8dda9f168a7243ba338adc686f82e0fb8264ba6e8d2ca4f130120f",
        "NDJSON, 1276916d626ed705e1a4e179c9eb3e94cd37bc42e4b59511dec1d15a14cd2262",
        "FGB, 79bd31ffa6c075cdef7fd5a0c4dc44b1b4e52d85d72d50438168c55af90e8a4e"})
    void sixDecimalOutputIsPinned(SyntheticFormat format, String treeDigest) throws Exception {
        write(tmp.resolve("default"), format, 7);
        assertEquals(treeDigest, treeDigest(tmp.resolve("default")));
        new SyntheticCatalogWriter().write(new SyntheticCatalogWriter.Options(tmp.resolve("explicit"), 1_001, 7, 3,
                format, CoordinatePrecision.parse("6")));
        assertEquals(treeDigest, treeDigest(tmp.resolve("explicit")));
    }

    /** The SHA-256 of the text {@code sha256sum} prints for every file under {@code dir}, in byte order of path. */
    static String treeDigest(Path dir) throws Exception {
        StringBuilder listing = new StringBuilder();
        for (Path f : files(dir)) {
            StringBuilder rel = new StringBuilder(".");
            dir.relativize(f).forEach(name -> rel.append('/').append(name));
            listing.append(sha256(f)).append("  ").append(rel).append('\n');
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(listing.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
