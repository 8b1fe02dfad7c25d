package org.kfm.projection.bench.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.feature.ReaderContext;
import org.locationtech.jts.geom.Envelope;

/**
 * Writes a deterministic synthetic STAC catalog (root catalog, one collection, one item per dataset) with
 * mixed-geometry data assets, for tests and benchmarks. Same options, same bytes: features come from seeded
 * {@link java.util.SplittableRandom}s, {@code kfm:promoted_at} is derived from the seed (never the clock),
 * and checksums, sizes and bboxes are computed while the data streams to disk, so a million features need
 * no more memory than one.
 */
public final class SyntheticCatalogWriter {
    public static final String COLLECTION_ID = "synthetic";
    private static final long EPOCH_2024 = 1_704_067_200L;

    private final JsonFactory json;

    public SyntheticCatalogWriter() {
        this(FeatureReaders.defaultJsonFactory());
    }

    public SyntheticCatalogWriter(JsonFactory json) {
        this.json = writing(Objects.requireNonNull(json, "json"));
    }

    /**
     * A copy of {@code json} that writes doubles with Jackson's own shortest round-trip writer, not
     * {@code Double.toString}: before JDK 19 that one sometimes writes a digit too many (JDK-4511638), so the
     * same catalog would have other bytes on another JVM.
     */
    static JsonFactory writing(JsonFactory json) {
        return json.copy().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
    }

    /**
     * What to generate.
     *
     * @param out directory that will hold {@code catalog.json} (created if missing)
     * @param features total feature count, split as evenly as possible over the datasets
     * @param precision how coordinates are rounded; the same features either way, only their digits differ
     */
    public record Options(Path out, long features, long seed, int datasets, SyntheticFormat format,
            CoordinatePrecision precision) {
        public Options {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(precision, "precision");
            if (features < 0 || datasets < 1) {
                throw new IllegalArgumentException("features must be >= 0 and datasets >= 1");
            }
        }

        /** Coordinates rounded to 1e-6 degree ({@link CoordinatePrecision#DEFAULT}), as before the option. */
        public Options(Path out, long features, long seed, int datasets, SyntheticFormat format) {
            this(out, features, seed, datasets, format, CoordinatePrecision.DEFAULT);
        }
    }

    /** The written catalog: its root document and every data asset. */
    public record Result(Path catalog, List<WrittenAsset> assets) {
        public long features() {
            return assets.stream().mapToLong(WrittenAsset::features).sum();
        }

        public long bytes() {
            return assets.stream().mapToLong(WrittenAsset::size).sum();
        }
    }

    /** The {@code kfm:promoted_at} a seed gives: a second in 2024, so runs never depend on the clock. */
    public static String promotedAt(long seed) {
        return Instant.ofEpochSecond(EPOCH_2024 + Math.floorMod(seed * 7_919L, 366L * 86_400L)).toString();
    }

    public Result write(Options o) throws IOException {
        Path collectionDir = o.out().resolve(COLLECTION_ID);
        Files.createDirectories(collectionDir);
        String promotedAt = promotedAt(o.seed());
        StacDocuments stac = new StacDocuments(json);
        List<WrittenAsset> assets = new ArrayList<>();
        List<String> itemHrefs = new ArrayList<>();
        Envelope extent = new Envelope();
        for (int k = 1; k <= o.datasets(); k++) {
            long count = o.features() / o.datasets() + (k <= o.features() % o.datasets() ? 1 : 0);
            String itemId = "synthetic-" + k;
            Path itemDir = collectionDir.resolve(itemId);
            Files.createDirectories(itemDir);
            WrittenAsset asset = data(o, k, itemId, itemDir, count);
            stac.item(asset.itemFile(), COLLECTION_ID, asset, promotedAt);
            assets.add(asset);
            itemHrefs.add("./" + itemId + "/" + itemId + ".json");
            extent.expandToInclude(asset.bbox());
        }
        stac.collection(collectionDir.resolve("collection.json"), COLLECTION_ID, "Synthetic Kansas features, "
                + o.features() + " in " + o.datasets() + " datasets (seed " + o.seed() + ")", extent, promotedAt,
                itemHrefs);
        Path catalog = o.out().resolve("catalog.json");
        stac.catalog(catalog, "kfm-synthetic", "Generated by kfm-projection generate-catalog",
                "./" + COLLECTION_ID + "/collection.json");
        return new Result(catalog, List.copyOf(assets));
    }

    /** Where {@link #write} puts dataset {@code k}'s (1-based) data file, so a benchmark can reuse it. */
    public static Path dataFile(Path out, int k, SyntheticFormat format) {
        String itemId = "synthetic-" + k;
        return out.resolve(COLLECTION_ID).resolve(itemId).resolve(itemId + "." + format.extension());
    }

    private WrittenAsset data(Options o, int k, String itemId, Path itemDir, long count) throws IOException {
        Path file = dataFile(o.out(), k, o.format());
        SyntheticFeatures features = new SyntheticFeatures(o.seed() * 1_000_003L + k, "s" + k + "-",
                o.precision());
        Envelope bbox = new Envelope();
        DigestingOutputStream digest;
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            digest = new DigestingOutputStream(raw);
            try (FeatureSink sink = sink(o.format(), digest, itemId, count)) {
                for (long i = 0; i < count; i++) {
                    SyntheticFeature f = features.next();
                    bbox.expandToInclude(f.geometry().getEnvelopeInternal());
                    sink.write(f);
                }
            }
        }
        // Another precision is other data: it must not share a dataset version id with the default's
        // (parity would rightly fail a rebuild that swaps one for the other under the same id).
        String versionId = "synthetic-" + k + "-s" + o.seed()
                + (o.precision().equals(CoordinatePrecision.DEFAULT) ? "" : "-p" + o.precision().label());
        return new WrittenAsset(itemId, "synthetic-" + k, versionId, itemDir.resolve(itemId
                + ".json"), file, o.format().featureFormat(), ReaderContext.WGS84, count, digest.multihash(),
                digest.size(), bbox);
    }

    private FeatureSink sink(SyntheticFormat format, OutputStream out, String name, long count) throws IOException {
        return switch (format) {
            case GEOJSON -> new GeoJsonSink(out, json, false);
            case NDJSON -> new GeoJsonSink(out, json, true);
            case FGB -> new FlatGeobufSink(out, name, count, ReaderContext.WGS84);
        };
    }
}
