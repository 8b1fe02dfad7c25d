package org.kfm.projection.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The catalog digest: SHA-256 over a canonical text of the promoted inputs, so that an unchanged
 * catalog can be recognised whatever its JSON formatting, key order or link order. The text is
 *
 * <pre>
 * kfm-catalog-digest/1\n
 * item &lt;n&gt;:&lt;item id&gt; &lt;n&gt;:&lt;dataset version id&gt;\n     (one per item, by dataset version id)
 * asset &lt;file:checksum&gt;\n                       (one per data asset of that item, by asset key)
 * </pre>
 *
 * where {@code <n>} is the UTF-8 byte length of the string after the colon (so ids may hold any
 * character), checksums are lower-case multihash hex, and both sorts compare Unicode code points
 * (the same as comparing UTF-8 bytes), so other tools can reproduce the digest.
 */
final class CatalogDigest {
    static final String PREFIX = "sha256:";
    static final Comparator<String> CODE_POINT_ORDER = CatalogDigest::compareCodePoints;

    private CatalogDigest() {
    }

    static String of(List<CatalogItem> items) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalText(items).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    static String canonicalText(List<CatalogItem> items) {
        List<CatalogItem> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(CatalogItem::datasetVersionId, CODE_POINT_ORDER));
        StringBuilder text = new StringBuilder("kfm-catalog-digest/1\n");
        for (CatalogItem item : sorted) {
            text.append("item ").append(counted(item.id())).append(' ')
                    .append(counted(item.datasetVersionId())).append('\n');
            List<DataAsset> assets = new ArrayList<>(item.assets());
            assets.sort(Comparator.comparing(DataAsset::key, CODE_POINT_ORDER));
            for (DataAsset asset : assets) {
                text.append("asset ").append(asset.checksum()).append('\n');
            }
        }
        return text.toString();
    }

    private static String counted(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length + ":" + value;
    }

    /** Unicode code point order; {@link String#compareTo} differs for characters beyond U+FFFF. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
