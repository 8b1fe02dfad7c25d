package org.kfm.projection.feature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.Writer;

/**
 * Takes a {@code properties} object from the parser as UTF-8 JSON text, and picks out the top-level
 * value of the configured id property on the way.
 *
 * <p>Normally the object's bytes are taken verbatim from the input ({@link RawCapture}): the parser
 * still checks every token, but nothing is re-generated, so numbers, escapes and key order stay as
 * published, and it costs about a fifth of copying. When the bytes cannot be had (a parser over
 * characters, e.g. a UTF-16 file, or no capture) the object is copied to compact JSON token by token,
 * through one generator and buffer reused for every feature; numbers keep their original text there
 * too ({@code 1.10} stays {@code 1.10}).
 */
final class PropertiesCopier {
    /** How the configured id property was found in the last copied object. */
    enum IdState { ABSENT, FOUND, NOT_SCALAR }

    /**
     * Text in the last object that PostgreSQL cannot store ({@link JsonText}): where it is in the artifact
     * and its JSON pointer within the feature ({@code /properties/...}).
     */
    record TextProblem(long line, long column, String pointer, JsonText.Kind kind) {
    }

    private final StringBuilder text = new StringBuilder(256);
    private final JsonFactory factory;
    private final JsonGenerator generator;
    private String idValue;
    private IdState idState = IdState.ABSENT;
    private TextProblem problem;

    PropertiesCopier(JsonFactory factory) {
        this.factory = factory;
        try {
            this.generator = factory.createGenerator(new BuilderWriter(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String idValue() {
        return idValue;
    }

    IdState idState() {
        return idState;
    }

    /** The first text PostgreSQL cannot store in the last object taken, or null. */
    TextProblem problem() {
        return problem;
    }

    /**
     * The object the parser is on (START_OBJECT) as UTF-8 JSON text, verbatim from {@code raw} when it
     * can be; leaves the parser on its END_OBJECT.
     */
    byte[] take(JsonParser p, String idProperty, RawCapture raw) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        long start = at.getByteOffset();
        if (raw == null || start < 0 || !raw.start(start)) {
            return copy(p, idProperty).getBytes(StandardCharsets.UTF_8);
        }
        problem = null;
        idValue = null;
        idState = IdState.ABSENT;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t == null) {
                throw new IllegalStateException("unexpected end of input inside properties");
            }
            boolean isId = idProperty != null && idProperty.equals(p.currentName());
            JsonToken value = p.nextToken();
            if (isId) {
                capture(p, value);
            }
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
            }
        }
        byte[] bytes = raw.take(p.currentTokenLocation().getByteOffset() + 1);
        // The parser checked the syntax but skipped the strings; what jsonb refuses is found in the bytes.
        JsonText.Problem found = JsonText.find(bytes, 0, bytes.length);
        if (found != null) {
            long[] lc = JsonText.lineColumn(bytes, 0, found.offset(), at.getLineNr(), at.getColumnNr());
            problem = new TextProblem(lc[0], lc[1], "/properties"
                    + JsonText.pointerAt(factory, bytes, 0, bytes.length, found.offset()), found.kind());
        }
        return bytes;
    }

    /** Copies the object the parser is on (START_OBJECT) and leaves the parser on its END_OBJECT. */
    String copy(JsonParser p, String idProperty) throws IOException {
        idValue = null;
        idState = IdState.ABSENT;
        problem = null;
        String root = p.getParsingContext().pathAsPointer().toString();
        text.setLength(0);
        JsonGenerator g = generator;
        g.writeStartObject();
        int depth = 1;
        boolean capture = false;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalStateException("unexpected end of input inside properties");
            }
            switch (t) {
                case START_OBJECT -> { g.writeStartObject(); depth++; }
                case END_OBJECT -> { g.writeEndObject(); depth--; }
                case START_ARRAY -> { g.writeStartArray(); depth++; }
                case END_ARRAY -> { g.writeEndArray(); depth--; }
                case FIELD_NAME -> g.writeFieldName(p.currentName());
                case VALUE_STRING -> g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                        g.writeNumber(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                case VALUE_TRUE -> g.writeBoolean(true);
                case VALUE_FALSE -> g.writeBoolean(false);
                case VALUE_NULL -> g.writeNull();
                default -> g.copyCurrentEvent(p);
            }
            if (problem == null && (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING)) {
                check(p, t, root);
            }
            if (capture) {
                capture = false;
                capture(p, t);
            } else if (t == JsonToken.FIELD_NAME && depth == 1 && idProperty != null
                    && idProperty.equals(p.currentName())) {
                capture = true;
            }
        }
        g.flush();
        return text.toString();
    }

    /** Decoded text (no byte offsets here): a NUL or an unpaired surrogate is what PostgreSQL refuses. */
    private void check(JsonParser p, JsonToken t, String root) throws IOException {
        int bad = t == JsonToken.FIELD_NAME ? JsonText.find(p.currentName())
                : JsonText.find(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (bad >= 0) {
            char c = t == JsonToken.FIELD_NAME ? p.currentName().charAt(bad)
                    : p.getTextCharacters()[p.getTextOffset() + bad];
            JsonLocation at = p.currentTokenLocation();
            String pointer = p.getParsingContext().pathAsPointer().toString();
            problem = new TextProblem(at.getLineNr(), at.getColumnNr(), "/properties"
                    + (pointer.startsWith(root) ? pointer.substring(root.length()) : pointer), JsonText.kindOf(c));
        }
    }

    private void capture(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                idValue = p.getText();
                idState = IdState.FOUND;
            }
            case VALUE_NULL -> idState = IdState.ABSENT;
            default -> idState = IdState.NOT_SCALAR;
        }
    }

    /** A Writer over a StringBuilder with no synchronization (StringWriter's StringBuffer locks each call). */
    private static final class BuilderWriter extends Writer {
        private final StringBuilder sb;

        BuilderWriter(StringBuilder sb) {
            this.sb = sb;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            sb.append(str, off, off + len);
        }

        @Override
        public void write(int c) {
            sb.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
