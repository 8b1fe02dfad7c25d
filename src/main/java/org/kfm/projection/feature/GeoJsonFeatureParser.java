package org.kfm.projection.feature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * Parses one GeoJSON Feature object, members in any order, foreign members skipped; resolves its id,
 * checks it for duplicates, and returns it with its geometry transformed. Shared by the FeatureCollection
 * and the sequence readers; one instance per reader.
 */
final class GeoJsonFeatureParser {
    private final FeatureSite site;
    private final String idProperty;
    private final CoordinateBuffer buffer = new CoordinateBuffer();
    private final GeoJsonGeometryParser geometryParser;
    private final ShapeAssembler assembler;
    private final GeometryTransformer transformer;
    private final PropertiesCopier properties;
    private final RawCapture raw;

    /**
     * @param raw the stream the parser reads, to take each properties object verbatim from; null to
     *     copy them token by token
     */
    GeoJsonFeatureParser(JsonFactory factory, ReaderContext ctx, FeatureSite site, GeometryTransformer transformer,
                         RawCapture raw) {
        this.site = site;
        this.raw = raw;
        this.idProperty = ctx.featureIdProperty().orElse(null);
        this.geometryParser = new GeoJsonGeometryParser(buffer, site, ctx.unclosedRings());
        this.assembler = new ShapeAssembler(ctx.sourceEpsg());
        this.transformer = transformer;
        this.properties = new PropertiesCopier(factory);
    }

    /** Parses the Feature the parser is on (START_OBJECT); leaves the parser on its END_OBJECT. */
    Feature parse(JsonParser p, long index) throws IOException {
        site.startFeature(index, p.currentTokenLocation());
        buffer.reset();
        geometryParser.takeClosedRings();
        String type = null;
        String id = null;
        Shape shape = null;
        byte[] props = null;
        PropertiesCopier.TextProblem textProblem = null;
        PropertiesCopier.IdState propertyId = PropertiesCopier.IdState.ABSENT;
        String propertyIdValue = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            switch (name) {
                case "type" -> type = t == JsonToken.VALUE_STRING ? p.getText() : GeoJsonGeometryParser.describe(t);
                case "id" -> {
                    id = idMember(p, t);
                    site.id(id);
                }
                case "geometry" -> {
                    if (t == JsonToken.START_OBJECT) {
                        shape = geometryParser.parse(p);
                    } else if (t != JsonToken.VALUE_NULL) {
                        throw site.at(FeatureRules.MALFORMED_GEOJSON, p.currentTokenLocation(),
                                "\"geometry\" must be an object or null but is " + GeoJsonGeometryParser.describe(t));
                    }
                }
                case "properties" -> {
                    if (t == JsonToken.START_OBJECT) {
                        props = properties.take(p, idProperty, raw);
                        textProblem = textProblem == null ? properties.problem() : textProblem;
                        propertyId = properties.idState();
                        propertyIdValue = properties.idValue();
                    } else if (t != JsonToken.VALUE_NULL) {
                        throw site.at(FeatureRules.MALFORMED_GEOJSON, p.currentTokenLocation(),
                                "\"properties\" must be an object or null but is " + GeoJsonGeometryParser.describe(t));
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (!"Feature".equals(type)) {
            throw site.atFeature(FeatureRules.MALFORMED_GEOJSON, type == null
                    ? "the object has no \"type\" member; a GeoJSON Feature needs \"type\": \"Feature\""
                    : "expected a Feature but \"type\" is \"" + type + "\"");
        }
        id = resolveId(id, propertyId, propertyIdValue, index, textProblem);
        if (textProblem != null) {
            throw unstorable(textProblem);
        }
        if (shape == null) {
            throw site.atFeature(FeatureRules.MISSING_GEOMETRY, "the feature has no geometry (missing or null); "
                    + "every feature of a projected artifact needs one");
        }
        Geometry geometry = assembler.build(shape, buffer);
        Optional<String> problem = transformer.apply(geometry);
        if (problem.isPresent()) {
            throw site.atFeature(FeatureRules.COORDINATE_OUT_OF_RANGE, problem.get());
        }
        site.endFeature();
        return new Feature(index, id, geometry, props, geometryParser.takeClosedRings());
    }

    private RuntimeException unstorable(PropertiesCopier.TextProblem t) {
        if (t.kind() == JsonText.Kind.INVALID_UTF8) {
            return site.atPointer(FeatureRules.MALFORMED_JSON, t.line(), t.column(), t.pointer(), "not valid JSON: "
                    + "a string holds " + t.kind().description() + "; re-encode the artifact as UTF-8 upstream");
        }
        return site.atPointer(FeatureRules.UNSTORABLE_TEXT, t.line(), t.column(), t.pointer(), "the property's text "
                + "contains " + t.kind().description() + "; remove or replace it upstream and promote a new version");
    }

    private String idMember(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                String id = p.getText();
                if (id.isEmpty()) {
                    throw site.at(FeatureRules.INVALID_FEATURE_ID, p.currentTokenLocation(),
                            "the feature \"id\" is an empty string");
                }
                int bad = JsonText.find(id);
                if (bad >= 0) {
                    JsonLocation at = p.currentTokenLocation();
                    throw site.atPointer(FeatureRules.INVALID_FEATURE_ID, site.lineOf(at), site.columnOf(at), "/id",
                            "the feature \"id\" \"" + JsonText.printable(id) + "\" contains "
                                    + JsonText.kindOf(id.charAt(bad)).description());
                }
                yield id;
            }
            case VALUE_NULL -> null;
            default -> throw site.at(FeatureRules.INVALID_FEATURE_ID, p.currentTokenLocation(),
                    "the feature \"id\" must be a string or a number but is " + GeoJsonGeometryParser.describe(t));
        };
    }

    private String resolveId(String member, PropertiesCopier.IdState state, String value, long index,
                             PropertiesCopier.TextProblem textProblem) {
        String id = member;
        if (id == null && idProperty != null) {
            int bad = state == PropertiesCopier.IdState.FOUND ? JsonText.find(value) : -1;
            if (bad >= 0) {
                String pointer = "/properties/" + idProperty.replace("~", "~0").replace("/", "~1");
                boolean same = textProblem != null && textProblem.pointer().equals(pointer);
                throw site.atPointer(FeatureRules.INVALID_FEATURE_ID, same ? textProblem.line() : site.featureLine(),
                        same ? textProblem.column() : site.featureColumn(), pointer, "the id property \"" + idProperty
                                + "\" is \"" + JsonText.printable(value) + "\", which contains "
                                + JsonText.kindOf(value.charAt(bad)).description());
            }
            if (state == PropertiesCopier.IdState.NOT_SCALAR) {
                throw site.atFeature(FeatureRules.INVALID_FEATURE_ID, "the id property \"" + idProperty
                        + "\" must be a string or a number");
            }
            if (state == PropertiesCopier.IdState.FOUND && value.isEmpty()) {
                throw site.atFeature(FeatureRules.INVALID_FEATURE_ID, "the id property \"" + idProperty
                        + "\" is an empty string");
            }
            id = value;
        }
        if (id == null) {
            throw site.atFeature(FeatureRules.MISSING_FEATURE_ID, "the feature has no \"id\" member"
                    + (idProperty == null ? " and the item declares no kfm:feature_id_property"
                            : " and no \"" + idProperty + "\" property (the item's kfm:feature_id_property)"));
        }
        site.id(id);
        return id;
    }
}
