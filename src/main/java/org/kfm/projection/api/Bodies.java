package org.kfm.projection.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.ws.rs.core.MediaType;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.error.Shown;

/**
 * Request bodies are read here rather than by the framework, strictly: an empty body means "all
 * defaults" whatever its content type; otherwise the body must be {@code application/json} (415),
 * one JSON object with no duplicate member ({@code malformed-json} / {@code duplicate-member}), no
 * unknown member ({@code unknown-field}) and no value of the wrong type ({@code wrong-type}: no
 * {@code 1} for a boolean, no {@code "0.5"} for a number). Messages name the member and the JSON
 * types in words, never a Java class or a parser token.
 */
final class Bodies {
    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer,
                    CoercionAction.Fail).setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Bodies() {
    }

    /**
     * @throws KfmException rules {@code unsupported-media-type}, {@code malformed-json},
     *     {@code duplicate-member}; {@link InvalidFieldException} rules {@code unknown-field},
     *     {@code wrong-type}
     */
    static <T> T parse(String contentType, String body, Class<T> type, T empty) {
        if (body == null || body.isBlank()) {
            return empty;
        }
        requireJson(contentType);
        try {
            T value = STRICT.readerFor(type).readValue(body);
            return value == null ? empty : value;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidFieldException("unknown-field", e.getPropertyName(), "unknown member '"
                    + Shown.value(e.getPropertyName()) + "'" + at(e) + "; known members: "
                    + known(e.getKnownPropertyIds()));
        } catch (MismatchedInputException e) {
            String field = field(e);
            if (field == null) {
                throw malformed("the body must be one JSON object" + at(e));
            }
            throw new InvalidFieldException("wrong-type", field, "member '" + field + "'" + at(e) + ": expected "
                    + expected(e.getTargetType()) + ", found " + found(e));
        } catch (JsonMappingException e) {
            String field = field(e);
            throw field == null ? malformed("the body is not a valid request" + at(e))
                    : new InvalidFieldException("wrong-type", field, "member '" + field + "'" + at(e)
                            + ": value not accepted");
        } catch (JsonProcessingException e) {
            if (e.getProcessor() instanceof JsonParser p && String.valueOf(e.getOriginalMessage())
                    .startsWith("Duplicate field")) {
                String name = currentName(p);
                throw new KfmException(ErrorCode.BAD_USAGE, "duplicate-member", "member '" + Shown.value(name)
                        + "' appears twice" + at(e) + "; each member may be given once");
            }
            throw malformed("not valid JSON" + at(e));
        }
    }

    /** An empty body may come with any type; a non-empty one must be JSON. */
    private static void requireJson(String contentType) {
        MediaType media;
        try {
            media = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            media = null;
        }
        boolean json = media != null && media.getType().equalsIgnoreCase("application")
                && (media.getSubtype().equalsIgnoreCase("json")
                        || media.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
        String charset = media == null ? null : media.getParameters().get("charset");
        if (!json || (charset != null && !charset.equalsIgnoreCase("utf-8"))) {
            throw new KfmException(ErrorCode.BAD_USAGE, "unsupported-media-type", "the body must be "
                    + "application/json (UTF-8), got Content-Type '" + Shown.value(contentType == null ? "" 
                    : contentType) + "'; send an empty body for all defaults");
        }
    }

    private static KfmException malformed(String detail) {
        return new KfmException(ErrorCode.BAD_USAGE, "malformed-json", "malformed JSON body: " + detail);
    }

    private static String field(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        return e.getPath().stream().map(r -> r.getFieldName() != null ? Shown.value(r.getFieldName())
                : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
    }

    private static String at(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l == null || l.getLineNr() < 1 ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : new TreeSet<>(ids.stream().map(String::valueOf).toList()).toString();
    }

    private static String currentName(JsonParser p) {
        try {
            return p.currentName();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static String expected(Class<?> target) {
        if (target == Boolean.class || target == boolean.class) {
            return "a boolean (true or false)";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "a number";
        }
        if (target == String.class) {
            return "a string";
        }
        return "an object";
    }

    private static String found(MismatchedInputException e) {
        if (e instanceof InvalidFormatException f && f.getValue() != null) {
            Object v = f.getValue();
            return v instanceof Number ? "a number" : v instanceof Boolean ? "a boolean" : "a string";
        }
        JsonToken t = e.getProcessor() instanceof JsonParser p ? p.currentToken() : null;
        if (t == null) {
            return "something else";
        }
        return switch (t) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_ARRAY, END_ARRAY -> "an array";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }
}
