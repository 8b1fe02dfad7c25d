package org.kfm.projection.feature;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds text that PostgreSQL cannot store in JSON that is otherwise well formed: the escape {@code \u0000}
 * ({@code jsonb} and {@code text} cannot hold NUL), an unpaired UTF-16 surrogate escape ({@code "\ud800A"},
 * or a lone low surrogate), and UTF-8 that the server's strict decoder refuses but Jackson lets through in
 * strings it skips (overlong forms such as {@code C0 80}, encoded surrogates, code points past U+10FFFF).
 *
 * <p>The scan works on the bytes as they will be sent, without parsing: in JSON a backslash appears only
 * inside strings, so walking escapes from one backslash to the next is exact ({@code "\\u0000"} is a
 * backslash and the text {@code u0000}, not a NUL), and a raw NUL byte is already invalid JSON. ASCII
 * bytes other than the backslash cost one comparison each. Where to report a problem (the JSON pointer)
 * is worked out only when there is one, by parsing the object again.
 */
final class JsonText {
    /** What is wrong at a place in the text. */
    enum Kind {
        NUL("the escape \\u0000 (NUL), which PostgreSQL cannot store in jsonb or text"),
        LONE_SURROGATE("an unpaired UTF-16 surrogate escape, which is not a Unicode character and which "
                + "PostgreSQL refuses"),
        INVALID_UTF8("bytes that are not valid UTF-8 (an overlong form, an encoded surrogate or a code point "
                + "beyond U+10FFFF)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** The first problem: {@code offset} is where it starts in the scanned array. */
    record Problem(int offset, Kind kind) {
    }

    private JsonText() {
    }

    /** The first problem in {@code b[from, to)}, well-formed JSON text in UTF-8, or null. */
    static Problem find(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c >= 0 && c != '\\') {
                continue;
            }
            if (c < 0) {
                int n = utf8Length(b, i, to);
                if (n < 0) {
                    return new Problem(i, Kind.INVALID_UTF8);
                }
                i += n - 1;
                continue;
            }
            if (i + 1 >= to || b[i + 1] != 'u') {
                i++; // \" \\ \/ \b \f \n \r \t: the escaped character cannot start another escape
                continue;
            }
            int unit = hex4(b, i + 2, to);
            if (unit == 0) {
                return new Problem(i, Kind.NUL);
            }
            if (unit >= 0xDC00 && unit <= 0xDFFF) {
                return new Problem(i, Kind.LONE_SURROGATE);
            }
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                int low = i + 6 + 1 < to && b[i + 6] == '\\' && b[i + 7] == 'u' ? hex4(b, i + 8, to) : -1;
                if (low < 0xDC00 || low > 0xDFFF) {
                    return new Problem(i, Kind.LONE_SURROGATE);
                }
                i += 11;
                continue;
            }
            i += 5;
        }
        return null;
    }

    /** The first NUL or unpaired surrogate in decoded text, or -1 (for ids and the token-by-token copy). */
    static int find(char[] text, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = text[i];
            if (c == 0 || Character.isLowSurrogate(c)) {
                return i - offset;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
                    i++;
                } else {
                    return i - offset;
                }
            }
        }
        return -1;
    }

    static int find(String text) {
        return find(text.toCharArray(), 0, text.length());
    }

    static Kind kindOf(char c) {
        return c == 0 ? Kind.NUL : Kind.LONE_SURROGATE;
    }

    /** Whether {@code b[from, to)} is strictly valid UTF-8 (what PostgreSQL accepts). */
    static boolean isValidUtf8(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                int n = utf8Length(b, i, to);
                if (n < 0) {
                    return false;
                }
                i += n - 1;
            }
        }
        return true;
    }

    /**
     * The JSON pointer, inside the object {@code json[from, to)}, of the member or element whose text covers
     * byte {@code at} (e.g. {@code /name}, {@code /tags/2}); {@code ""} when it cannot be told.
     */
    static String pointerAt(JsonFactory factory, byte[] json, int from, int to, int at) {
        String pointer = "";
        try (JsonParser p = factory.createParser(json, from, to - from)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (from + p.currentTokenLocation().getByteOffset() > at) {
                    break;
                }
                if (t == JsonToken.FIELD_NAME || t.isScalarValue()) {
                    pointer = p.getParsingContext().pathAsPointer().toString();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the bytes were parsed once already; if they cannot be again, the object is the best answer
        }
        return pointer;
    }

    /** {@code text} with control characters and lone surrogates as {@code \\uXXXX}, for messages. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                sb.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Line and column of byte {@code at}, counting from a start at ({@code line}, {@code column}), 1-based. */
    static long[] lineColumn(byte[] b, int from, int at, long line, long column) {
        long l = line;
        long c = column;
        for (int i = from; i < at; i++) {
            byte x = b[i];
            if (x == '\n' || x == '\r' && (i + 1 >= at || b[i + 1] != '\n')) {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        return new long[] {l, c};
    }

    /** Bytes in the well-formed sequence starting at {@code i} (a lead byte >= 0x80), or -1 (Unicode Table 3-7). */
    private static int utf8Length(byte[] b, int i, int to) {
        int lead = b[i] & 0xFF;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 3;
            lo = lead == 0xE0 ? 0xA0 : 0x80;
            hi = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 4;
            lo = lead == 0xF0 ? 0x90 : 0x80;
            hi = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return -1;
        }
        if (i + n > to) {
            return -1;
        }
        int second = b[i + 1] & 0xFF;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int k = 2; k < n; k++) {
            int cont = b[i + k] & 0xFF;
            if (cont < 0x80 || cont > 0xBF) {
                return -1;
            }
        }
        return n;
    }

    private static int hex4(byte[] b, int from, int to) {
        if (from + 4 > to) {
            return -1;
        }
        int v = 0;
        for (int k = from; k < from + 4; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
