package org.kfm.projection.error;

/**
 * How a value that came from outside (a request body, a query parameter, a token claim) is shown
 * in problem details, audit rows and log lines: control characters escaped, so a value can never
 * start a forged log line, and long values cut with an ellipsis and their original length, so a
 * 10 MB string is never echoed whole. One helper, used everywhere such a value is printed.
 */
public final class Shown {
    /** Longest value shown whole; longer ones are cut to this many characters. */
    public static final int MAX_CHARS = 120;

    private Shown() {
    }

    /** The value cut to {@link #MAX_CHARS} and escaped; {@code null} stays {@code null}. */
    public static String value(String s) {
        return value(s, MAX_CHARS);
    }

    /** The value cut to {@code max} characters and escaped; {@code null} stays {@code null}. */
    public static String value(String s, int max) {
        if (s == null) {
            return null;
        }
        if (s.length() <= max) {
            return escape(s);
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return escape(s.substring(0, end)) + "… (" + s.length() + " characters)";
    }

    /**
     * The value with every control character (C0, DEL, C1, and the Unicode line and paragraph
     * separators) written as an escape ({@code \n}, {@code \r}, {@code \t}, {@code \}{@code uXXXX}),
     * and backslashes doubled, so the escaped form reads back unambiguously. Not cut.
     */
    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = escapeOf(c);
            if (esc != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (esc != null) {
                    out.append(esc);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    private static String escapeOf(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            default -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04x", (int) c) : null;
        };
    }
}
