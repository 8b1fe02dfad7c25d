package org.kfm.projection.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.error.BadInputException;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.Shown;

/**
 * Reads a promoted STAC 1.0 catalog: from the root catalog through {@code child} links (catalogs
 * and collections, nested to any depth) to the items of {@code item} links, resolving relative
 * hrefs against the document that holds them. Other link relations are ignored. The catalog must
 * be a tree: a document reached twice is an error. Stateless and thread-safe.
 *
 * <p>Errors are {@link BadInputException}s naming the document, the JSON pointer (or line and
 * column) and one of the rules {@code malformed-json}, {@code missing-field}, {@code invalid-field},
 * {@code duplicate-dataset-version}, {@code link-cycle}, {@code dangling-link},
 * {@code unknown-media-type}, {@code unsupported-checksum}, {@code no-data-asset},
 * {@code document-too-large}, {@code catalog-not-allowed} (the {@link LocationPolicy} refused the
 * root, a linked document or an asset href, before anything was read from it); a missing root
 * document is {@code missing-artifact}.
 */
public final class CatalogReader {
    /** Catalog documents are small; a larger one is a mistake (or an artifact linked as a document). */
    static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
    /** A parse error quotes the document: only a short, escaped excerpt of it. */
    private static final int MAX_PARSER_DETAIL = 100;
    private static final Pattern JACKSON_SOURCE =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private final ArtifactStores stores;
    private final LocationPolicy locations;
    private final ObjectMapper mapper;
    private final long maxDocumentBytes;

    public CatalogReader(ArtifactStores stores) {
        this(stores, LocationPolicy.ANY);
    }

    /**
     * @param locations asked before the root, every linked document and every asset href is used;
     *     a refusal is a {@link BadInputException} with rule {@code catalog-not-allowed}
     */
    public CatalogReader(ArtifactStores stores, LocationPolicy locations) {
        this(stores, locations, MAX_DOCUMENT_BYTES);
    }

    CatalogReader(ArtifactStores stores, long maxDocumentBytes) {
        this(stores, LocationPolicy.ANY, maxDocumentBytes);
    }

    CatalogReader(ArtifactStores stores, LocationPolicy locations, long maxDocumentBytes) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.locations = Objects.requireNonNull(locations, "locations");
        this.maxDocumentBytes = maxDocumentBytes;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(maxDocumentBytes).build())
                .build();
        this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    /**
     * Reads the catalog rooted at {@code root} ({@code file:} URI, {@code s3://bucket/key} or a
     * scheme-less path).
     *
     * @return every reachable item, sorted by dataset version id, with the catalog digest
     * @throws BadInputException when a document breaks the contract (rules listed on the class)
     * @throws org.kfm.projection.error.UsageException when no store handles the root's scheme
     * @throws KfmException rule {@code store-error} when a store cannot be read
     */
    public Catalog read(URI root) {
        URI start = root.getScheme() == null
                ? ArtifactStores.location(root.getPath())
                : ArtifactStores.normalize(root);
        if (!locations.admits(start)) {
            throw new BadInputException(LocationPolicy.RULE, Shown.value(start.toString()), null, "the catalog is "
                    + locations.refusal());
        }
        Walk walk = new Walk(start);
        walk.container(start, null);
        List<CatalogItem> items = new ArrayList<>(walk.items.values());
        items.sort(Comparator.comparing(CatalogItem::datasetVersionId, CatalogDigest.CODE_POINT_ORDER));
        return new Catalog(start, items, CatalogDigest.of(items));
    }

    /** A {@code child} or {@code item} link being followed. */
    private record Link(URI from, Field href, URI target) {
        String describe() {
            return from + " at " + href.pointer();
        }
    }

    /** The state of one {@link #read}: documents reached so far and items by dataset version. */
    private final class Walk {
        private final Map<URI, String> reachedFrom = new HashMap<>();
        private final Deque<URI> ancestors = new ArrayDeque<>();
        private final Map<String, CatalogItem> items = new HashMap<>();

        Walk(URI root) {
            reachedFrom.put(root, "the root");
        }

        void container(URI uri, Link via) {
            JsonDoc doc = new JsonDoc(uri);
            Field root = load(doc, via);
            Field type = root.get("type");
            String kind = doc.text(type);
            if (!kind.equals("Catalog") && !kind.equals("Collection")) {
                throw doc.invalid(type, (via == null ? "the root" : "a child link")
                        + " must point at a STAC catalog or collection (type \"Catalog\" or \"Collection\"), found "
                        + JsonDoc.describe(type.node()));
            }
            Field links = root.get("links");
            int count = doc.array(links).size();
            ancestors.push(uri);
            for (int i = 0; i < count; i++) {
                follow(doc, links.get(i));
            }
            ancestors.pop();
        }

        private void follow(JsonDoc doc, Field link) {
            doc.object(link);
            String rel = doc.text(link.get("rel"));
            if (!rel.equals("child") && !rel.equals("item")) {
                return;
            }
            Field hrefField = link.get("href");
            String href = doc.text(hrefField);
            URI target;
            try {
                target = ArtifactStores.resolve(doc.uri(), href);
            } catch (IllegalArgumentException e) {
                throw doc.invalid(hrefField, "href '" + href + "' is not usable: " + e.getMessage());
            }
            if (!stores.supports(target)) {
                throw doc.invalid(hrefField, "href '" + href + "' uses a scheme no artifact store handles; use a "
                        + "relative href, a file: URI or s3://bucket/key");
            }
            if (!locations.admits(target)) {
                throw doc.error(LocationPolicy.RULE, hrefField, "href '" + Shown.value(href) + "' resolves "
                        + locations.refusal());
            }
            Link via = new Link(doc.uri(), hrefField, target);
            reach(doc, via, href);
            if (rel.equals("child")) {
                container(target, via);
            } else {
                item(target, via);
            }
        }

        private void reach(JsonDoc doc, Link via, String href) {
            String first = reachedFrom.putIfAbsent(via.target(), via.describe());
            if (first == null) {
                return;
            }
            String detail = ancestors.contains(via.target())
                    ? "href '" + href + "' links back to " + via.target() + ", which contains this document: "
                            + "the links form a cycle"
                    : "href '" + href + "' reaches " + via.target() + " a second time (first from " + first
                            + "): every document must be linked exactly once";
            throw doc.error("link-cycle", via.href(), detail);
        }

        private void item(URI uri, Link via) {
            JsonDoc doc = new JsonDoc(uri);
            CatalogItem item = new ItemParser(doc, load(doc, via), stores::supports, locations).parse();
            CatalogItem other = items.putIfAbsent(item.datasetVersionId(), item);
            if (other != null) {
                throw doc.error("duplicate-dataset-version", new Field(null, "/properties/kfm:dataset_version_id"),
                        "dataset version '" + item.datasetVersionId()
                        + "' is declared by item '" + other.id() + "' (" + other.href() + ") and by item '"
                        + item.id() + "' (" + item.href() + "); each dataset version is promoted in exactly "
                        + "one item");
            }
        }
    }

    /** Jackson's message without its source-location boilerplate. */
    private static String jacksonDetail(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Trailing token")) {
            return "more content after the end of the JSON value";
        }
        return JACKSON_SOURCE.matcher(message).replaceAll("line $1, column $2");
    }

    /** Reads one document as a JSON object; a missing linked document is a dangling link. */
    private Field load(JsonDoc doc, Link via) {
        JsonNode node;
        try (InputStream in = stores.open(doc.uri())) {
            node = mapper.readTree(in);
        } catch (BadInputException e) {
            if (via != null && e.rule().equals("missing-artifact")) {
                throw new BadInputException("dangling-link", via.from().toString(), via.href().pointer(), "href '"
                        + via.href().node().textValue() + "' resolves to " + via.target()
                        + ", which does not exist", e);
            }
            throw e;
        } catch (StreamConstraintsException e) {
            throw new BadInputException("document-too-large", doc.uri().toString(), null, "longer than "
                    + maxDocumentBytes + " bytes; catalog documents are small, so the href probably names an "
                    + "artifact instead of a STAC document", e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BadInputException("malformed-json", doc.uri().toString(), position,
                    "not valid JSON: " + Shown.value(jacksonDetail(e), MAX_PARSER_DETAIL), e);
        } catch (IOException e) {
            throw new KfmException(ErrorCode.FAILED, "store-error", doc.uri() + ": store-error: cannot read: " + e, e);
        }
        if (node == null || node.isMissingNode()) {
            throw new BadInputException("malformed-json", doc.uri().toString(), "line 1, column 1",
                    "empty document: expected a JSON object");
        }
        Field root = Field.root(node);
        if (!node.isObject()) {
            throw doc.invalid(root, "expected a JSON object (a STAC catalog, collection or item), found "
                    + JsonDoc.describe(node));
        }
        return root;
    }
}
