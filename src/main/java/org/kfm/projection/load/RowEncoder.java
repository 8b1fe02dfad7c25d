package org.kfm.projection.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.feature.EwkbWriter;
import org.kfm.projection.feature.Feature;

/**
 * Encodes features as rows of the COPY's column list ({@code sql/load/copy_feature_geom.sql}), adding
 * each to a geometry digest on the way. Every value comes from the item, the asset and the feature, so
 * a row does not depend on which COPY stream carries it. One instance per thread: it owns an
 * {@link EwkbWriter} buffer.
 */
final class RowEncoder {
    private static final int FIELDS = 7;

    private final BinaryCopyWriter writer;
    private final EwkbWriter ewkb;
    private final byte[] datasetVersionId;
    private final byte[] evidencePrefix;
    private final long updatedAt;
    private final String href;

    RowEncoder(BinaryCopyWriter writer, EwkbWriter ewkb, CatalogItem item, DataAsset asset) {
        this.writer = writer;
        this.ewkb = ewkb;
        this.datasetVersionId = utf8(item.datasetVersionId());
        this.evidencePrefix = utf8(evidencePrefix(item, asset));
        this.updatedAt = BinaryCopyWriter.timestamptz(BinaryCopyWriter.roundToMicros(item.promotedAt()));
        this.href = asset.href().toString();
    }

    /** {@code <item id>/<asset key>#}: the {@code evidence_ref} of feature {@code i} is this plus {@code i}. */
    static String evidencePrefix(CatalogItem item, DataAsset asset) {
        return item.id() + "/" + asset.key() + "#";
    }

    void header() throws IOException {
        writer.header();
    }

    void trailer() throws IOException {
        writer.trailer();
    }

    void write(Feature f, GeometryDigest digest) throws IOException {
        if (f.id().indexOf('\0') >= 0) {
            throw LoadErrors.nulInFeatureId(href, f.index());
        }
        byte[] id = utf8(f.id());
        int geomLength = ewkb.encode(f.geometry());
        digest.add(id, ewkb.buffer(), geomLength);
        writer.row(FIELDS).bytes(datasetVersionId).bytes(id).bytes(ewkb.buffer(), geomLength);
        if (f.properties() == null) {
            writer.nul();
        } else {
            writer.jsonb(f.properties());
        }
        writer.text(evidencePrefix, f.index()).timestamptzMicros(updatedAt).int8(f.index());
        writer.endRow();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
