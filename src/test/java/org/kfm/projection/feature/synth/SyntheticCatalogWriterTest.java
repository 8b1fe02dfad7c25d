package org.kfm.projection.feature.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
