package org.kfm.projection.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import org.kfm.projection.error.BadInputException;

/**
 * Typed, checked access to the fields of one catalog document. Every failure is a
 * {@link BadInputException} naming the document, the JSON pointer and the rule:
 * {@code missing-field} for an absent or null required field, {@code invalid-field} for a field of
 * the wrong type or value.
 */
final class JsonDoc {
    static final String MISSING_FIELD = "missing-field";
    static final String INVALID_FIELD = "invalid-field";

    /** RFC 3339 date-time: seconds required, fraction optional, offset required, T/Z in any case. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_SHOWN = 80;

    private final URI uri;

    JsonDoc(URI uri) {
        this.uri = uri;
    }

    URI uri() {
        return uri;
    }

    BadInputException error(String rule, Field at, String detail) {
        return new BadInputException(rule, uri.toString(), at.shown(), detail);
    }

    BadInputException invalid(Field at, String detail) {
        return error(INVALID_FIELD, at, detail);
    }

    JsonNode required(Field f) {
        if (f.absent()) {
            throw error(MISSING_FIELD, f, "required field '" + f.name() + "' is missing");
        }
        if (f.node().isNull()) {
            throw error(MISSING_FIELD, f, "required field '" + f.name() + "' is null");
        }
        return f.node();
    }

    JsonNode object(Field f) {
        JsonNode node = required(f);
        if (!node.isObject()) {
            throw invalid(f, "expected an object, found " + describe(node));
        }
        return node;
    }

    JsonNode array(Field f) {
        JsonNode node = required(f);
        if (!node.isArray()) {
            throw invalid(f, "expected an array, found " + describe(node));
        }
        return node;
    }

    /** A required, non-blank string. */
    String text(Field f) {
        JsonNode node = required(f);
        if (!node.isTextual()) {
            throw invalid(f, "expected a string, found " + describe(node));
        }
        if (node.textValue().isBlank()) {
            throw invalid(f, "expected a non-empty string, found " + describe(node));
        }
        return node.textValue();
    }

    /** A non-blank string, or empty when absent or null. */
    Optional<String> optionalText(Field f) {
        return f.absentOrNull() ? Optional.empty() : Optional.of(text(f));
    }

    /** A required JSON integer (not {@code 3.0}, not a string) that fits a long and is at least 0. */
    long nonNegativeLong(Field f) {
        JsonNode node = required(f);
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw invalid(f, "expected an integer >= 0, found " + describe(node));
        }
        return node.longValue();
    }

    /** A required RFC 3339 date-time with an offset, e.g. {@code 2024-05-01T12:00:00Z}. */
    Instant instant(Field f) {
        JsonNode node = required(f);
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.textValue(), RFC_3339).toInstant();
            } catch (DateTimeParseException e) {
                // reported below with the expected form
            }
        }
        throw invalid(f, "expected an RFC 3339 date-time with offset such as 2024-05-01T12:00:00Z, found "
                + describe(node));
    }

    /** An RFC 3339 date-time, or empty when absent or null. */
    Optional<Instant> optionalInstant(Field f) {
        return f.absentOrNull() ? Optional.empty() : Optional.of(instant(f));
    }

    /** A short rendering of a node for messages: its JSON type and (cut) value. */
    static String describe(JsonNode node) {
        String kind = switch (node.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> node.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case ARRAY -> "array";
            case OBJECT -> "object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
        if (node.isContainerNode() || node.isNull()) {
            return kind;
        }
        String value = node.toString();
        return kind + " " + (value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value);
    }
}
