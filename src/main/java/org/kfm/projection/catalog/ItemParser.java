package org.kfm.projection.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.Checksums;
import org.kfm.projection.error.Shown;
import org.kfm.projection.feature.FeatureFormat;

/** Reads the contract fields of one STAC item document into a {@link CatalogItem}. */
final class ItemParser {
    /** GeoJSON's only CRS (RFC 7946 section 4), assumed when an item declares none. */
    static final int DEFAULT_EPSG = 4326;

    private static final Pattern PROJ_CODE = Pattern.compile("([A-Za-z0-9_]+):(.+)");
    private static final Pattern EPSG_DIGITS = Pattern.compile("[0-9]{1,6}");
    private static final int MAX_EPSG = 999_999;

    private final JsonDoc doc;
    private final Field root;
    private final Predicate<URI> supportedLocation;
    private final LocationPolicy locations;

    ItemParser(JsonDoc doc, Field root, Predicate<URI> supportedLocation) {
        this(doc, root, supportedLocation, LocationPolicy.ANY);
    }

    ItemParser(JsonDoc doc, Field root, Predicate<URI> supportedLocation, LocationPolicy locations) {
        this.doc = doc;
        this.root = root;
        this.supportedLocation = supportedLocation;
        this.locations = locations;
    }

    CatalogItem parse() {
        Field type = root.get("type");
        if (!"Feature".equals(doc.text(type))) {
            throw doc.invalid(type, "an item link must point at a STAC item (type \"Feature\"), found "
                    + JsonDoc.describe(type.node()));
        }
        Field props = root.get("properties");
        doc.object(props);
        return new CatalogItem(
                doc.text(root.get("id")),
                doc.text(root.get("collection")),
                doc.uri(),
                doc.text(props.get("kfm:dataset_id")),
                doc.text(props.get("kfm:dataset_version_id")),
                doc.nonNegativeLong(props.get("kfm:feature_count")),
                doc.instant(props.get("kfm:promoted_at")),
                doc.optionalInstant(props.get("datetime")).orElse(null),
                bbox(root.get("bbox")),
                epsg(props),
                doc.optionalText(props.get("kfm:feature_id_property")),
                dataAssets(root.get("assets")));
    }

    /** 2D {@code [w, s, e, n]} or 3D {@code [w, s, zmin, e, n, zmax]}; only x/y are kept. */
    private Bbox bbox(Field f) {
        JsonNode node = doc.array(f);
        if (node.size() != 4 && node.size() != 6) {
            throw doc.invalid(f, "expected 4 numbers (or 6 for a 3D box), found " + node.size());
        }
        int dims = node.size() / 2;
        double minX = degrees(f.get(0), 180);
        double minY = degrees(f.get(1), 90);
        double maxX = degrees(f.get(dims), 180);
        double maxY = degrees(f.get(dims + 1), 90);
        if (dims == 3) {
            number(f.get(2));
            number(f.get(5));
        }
        if (minY > maxY) {
            throw doc.invalid(f, "south edge " + minY + " is north of north edge " + maxY);
        }
        return new Bbox(minX, minY, maxX, maxY);
    }

    private double degrees(Field f, double limit) {
        double value = number(f);
        if (Math.abs(value) > limit) {
            throw doc.invalid(f, "expected WGS 84 degrees within +/-" + (int) limit + ", found " + value);
        }
        return value;
    }

    private double number(Field f) {
        JsonNode node = doc.required(f);
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw doc.invalid(f, "expected a number, found " + JsonDoc.describe(node));
        }
        return node.doubleValue();
    }

    /** {@code proj:epsg} or {@code proj:code}; when both are given they must agree. */
    private int epsg(Field props) {
        Field epsgField = props.get("proj:epsg");
        Field codeField = props.get("proj:code");
        Integer fromEpsg = epsgField.absent() ? null : epsgNumber(epsgField);
        Integer fromCode = codeField.absent() ? null : epsgCode(codeField);
        if (fromEpsg != null && fromCode != null && !fromEpsg.equals(fromCode)) {
            throw doc.invalid(codeField, "proj:code " + codeField.node() + " disagrees with proj:epsg " + fromEpsg);
        }
        return fromEpsg != null ? fromEpsg : fromCode != null ? fromCode : DEFAULT_EPSG;
    }

    private int epsgNumber(Field f) {
        JsonNode node = f.node();
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_EPSG) {
            throw doc.invalid(f, "expected an EPSG code (integer 1.." + MAX_EPSG + "), found " + JsonDoc.describe(node)
                    + (node.isNull() ? " (data without an EPSG code cannot be projected)" : ""));
        }
        return node.intValue();
    }

    private int epsgCode(Field f) {
        JsonNode node = f.node();
        Matcher m = node.isTextual() ? PROJ_CODE.matcher(node.textValue()) : null;
        if (m == null || !m.matches()) {
            throw doc.invalid(f, "expected an 'AUTHORITY:CODE' string such as \"EPSG:26914\", found "
                    + JsonDoc.describe(node));
        }
        if (!m.group(1).equalsIgnoreCase("EPSG")) {
            throw doc.invalid(f, "only EPSG codes are supported, found " + JsonDoc.describe(node));
        }
        if (!EPSG_DIGITS.matcher(m.group(2)).matches() || Integer.parseInt(m.group(2)) < 1) {
            throw doc.invalid(f, "expected an EPSG code (integer 1.." + MAX_EPSG + ") after 'EPSG:', found "
                    + JsonDoc.describe(node));
        }
        return Integer.parseInt(m.group(2));
    }

    private List<DataAsset> dataAssets(Field assetsField) {
        JsonNode assets = doc.object(assetsField);
        List<String> keys = new ArrayList<>();
        assets.fieldNames().forEachRemaining(keys::add);
        keys.sort(CatalogDigest.CODE_POINT_ORDER);
        List<DataAsset> data = new ArrayList<>();
        for (String key : keys) {
            Field asset = assetsField.get(key);
            doc.object(asset);
            if (hasDataRole(asset.get("roles"))) {
                data.add(dataAsset(key, asset));
            }
        }
        if (data.isEmpty()) {
            throw doc.error("no-data-asset", assetsField, "no asset has role \"data\" (asset keys: "
                    + (keys.isEmpty() ? "none" : String.join(", ", keys))
                    + "); the artifact to load must be an asset with roles [\"data\"]");
        }
        return data;
    }

    private boolean hasDataRole(Field roles) {
        if (roles.absentOrNull()) {
            return false;
        }
        JsonNode node = doc.array(roles);
        boolean data = false;
        for (int i = 0; i < node.size(); i++) {
            data |= "data".equals(doc.text(roles.get(i)));
        }
        return data;
    }

    private DataAsset dataAsset(String key, Field asset) {
        Field typeField = asset.get("type");
        String type = doc.text(typeField);
        Optional<FeatureFormat> format = FeatureFormat.fromMediaType(type);
        if (format.isEmpty()) {
            throw doc.error("unknown-media-type", typeField, "media type '" + type + "' is not a format the loader "
                    + "reads; expected one of " + Arrays.stream(FeatureFormat.values())
                    .map(FeatureFormat::mediaType).collect(Collectors.joining(", ")));
        }
        Field checksumField = asset.get("file:checksum");
        String checksum = doc.text(checksumField);
        switch (Checksums.classify(checksum)) {
            case SHA2_256 -> checksum = checksum.toLowerCase(Locale.ROOT);
            case UNSUPPORTED -> throw doc.error("unsupported-checksum", checksumField, "'" + checksum
                    + "' is a multihash of another function or length; only sha2-256 ('"
                    + Checksums.SHA2_256_PREFIX + "' followed by 64 hex digits) is supported");
            default -> throw doc.invalid(checksumField, "expected a sha2-256 multihash ('"
                    + Checksums.SHA2_256_PREFIX + "' followed by 64 hex digits), found " + JsonDoc.describe(
                    checksumField.node()));
        }
        long size = doc.nonNegativeLong(asset.get("file:size"));
        return new DataAsset(key, href(asset.get("href")), format.get(), checksum, size);
    }

    private URI href(Field f) {
        String href = doc.text(f);
        URI resolved;
        try {
            resolved = ArtifactStores.resolve(doc.uri(), href);
        } catch (IllegalArgumentException e) {
            throw doc.invalid(f, "href '" + href + "' is not usable: " + e.getMessage());
        }
        if (!supportedLocation.test(resolved)) {
            throw doc.invalid(f, "href '" + href + "' uses a scheme no artifact store handles; use a relative "
                    + "href, a file: URI or s3://bucket/key");
        }
        if (!locations.admits(resolved)) {
            throw doc.error(LocationPolicy.RULE, f, "asset href '" + Shown.value(href) + "' resolves "
                    + locations.refusal());
        }
        return resolved;
    }
}
