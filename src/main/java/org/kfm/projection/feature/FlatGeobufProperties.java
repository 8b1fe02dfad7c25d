package org.kfm.projection.feature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.wololo.flatgeobuf.generated.ColumnType;

/**
 * Turns a FlatGeobuf feature's property bytes (little-endian {@code uint16 column index, value} pairs, in
 * the types the header's columns declare) into compact JSON text, and picks out the id column's value.
 * Json columns are re-parsed and copied, so malformed JSON cannot reach the database; binary values become
 * base64 strings; non-finite floats become null (JSON has no NaN).
 */
final class FlatGeobufProperties {
    private final JsonFactory factory;
    private final String[] names;
    private final int[] types;
    private final int idColumn;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    private final JsonGenerator generator;
    private String idValue;
    private TextProblem problem;

    /** A property PostgreSQL could not store: its JSON pointer within the feature and what is wrong. */
    record TextProblem(String pointer, JsonText.Kind kind) {
    }

    FlatGeobufProperties(JsonFactory factory, String[] names, int[] types, int idColumn) {
        this.factory = factory;
        this.names = names;
        this.types = types;
        this.idColumn = idColumn;
        try {
            this.generator = factory.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id column's value in the last decoded feature, or null when absent or null. */
    String idValue() {
        return idValue;
    }

    /**
     * What in the last decoded feature PostgreSQL could not store, or null: a string column that is not
     * valid UTF-8 (decoding would silently replace it), or a NUL or unpaired surrogate anywhere in the JSON
     * written.
     */
    TextProblem problem() {
        return problem;
    }

    /** The properties as UTF-8 JSON, or null when the file declares no columns. */
    byte[] decode(ByteBuffer bytes) throws IOException {
        idValue = null;
        problem = null;
        if (names.length == 0) {
            return null;
        }
        ByteBuffer bb = bytes.order(ByteOrder.LITTLE_ENDIAN);
        out.reset();
        generator.writeStartObject();
        while (bb.remaining() > 0) {
            int column = Short.toUnsignedInt(bb.getShort());
            if (column >= names.length) {
                throw new IllegalArgumentException("property refers to column " + column + " but the header declares "
                        + names.length);
            }
            generator.writeFieldName(names[column]);
            String scalar = value(bb, types[column], column);
            if (column == idColumn) {
                idValue = scalar;
            }
        }
        generator.writeEndObject();
        generator.flush();
        byte[] json = out.toByteArray();
        JsonText.Problem found = problem == null ? JsonText.find(json, 0, json.length) : null;
        if (found != null) {
            problem = new TextProblem("/properties" + JsonText.pointerAt(factory, json, 0, json.length,
                    found.offset()), found.kind());
        }
        return json;
    }

    /** Writes one value; returns its text when it can serve as an id (string or integer), else null. */
    private String value(ByteBuffer bb, int type, int column) throws IOException {
        JsonGenerator g = generator;
        switch (type) {
            case ColumnType.Byte -> { return integer(bb.get()); }
            case ColumnType.UByte -> { return integer(Byte.toUnsignedInt(bb.get())); }
            case ColumnType.Bool -> g.writeBoolean(bb.get() != 0);
            case ColumnType.Short -> { return integer(bb.getShort()); }
            case ColumnType.UShort -> { return integer(Short.toUnsignedInt(bb.getShort())); }
            case ColumnType.Int -> { return integer(bb.getInt()); }
            case ColumnType.UInt -> { return integer(Integer.toUnsignedLong(bb.getInt())); }
            case ColumnType.Long -> { return integer(bb.getLong()); }
            case ColumnType.ULong -> {
                String text = Long.toUnsignedString(bb.getLong());
                g.writeNumber(text);
                return text;
            }
            case ColumnType.Float -> {
                float v = bb.getFloat();
                if (Float.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
            }
            case ColumnType.Double -> real(bb.getDouble());
            case ColumnType.String, ColumnType.DateTime -> {
                byte[] utf8 = bytes(bb);
                if (problem == null && !JsonText.isValidUtf8(utf8, 0, utf8.length)) {
                    problem = new TextProblem("/properties/" + names[column].replace("~", "~0").replace("/", "~1"),
                            JsonText.Kind.INVALID_UTF8);
                }
                String text = new String(utf8, StandardCharsets.UTF_8);
                g.writeString(text);
                return text;
            }
            case ColumnType.Json -> {
                try (JsonParser p = factory.createParser(bytes(bb))) {
                    p.nextToken();
                    g.copyCurrentStructure(p);
                }
            }
            case ColumnType.Binary -> g.writeString(Base64.getEncoder().encodeToString(bytes(bb)));
            default -> throw new IllegalArgumentException("unknown FlatGeobuf column type " + type);
        }
        return null;
    }

    private String integer(long v) throws IOException {
        generator.writeNumber(v);
        return Long.toString(v);
    }

    private void real(double v) throws IOException {
        if (Double.isFinite(v)) {
            generator.writeNumber(v);
        } else {
            generator.writeNull();
        }
    }

    private static byte[] bytes(ByteBuffer bb) {
        int length = bb.getInt();
        if (length < 0 || length > bb.remaining()) {
            throw new IllegalArgumentException("a property value claims " + Integer.toUnsignedString(length)
                    + " bytes but only " + bb.remaining() + " remain");
        }
        byte[] b = new byte[length];
        bb.get(b);
        return b;
    }
}
