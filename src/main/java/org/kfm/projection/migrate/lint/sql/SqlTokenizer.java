package org.kfm.projection.migrate.lint.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A small PostgreSQL lexer: enough to know, for every character, whether it is code, comment, string
 * or quoted identifier, and on which line it sits. It follows the server's lexical rules for what
 * matters here: nested block comments, {@code ''} inside strings, backslash escapes only in
 * {@code E''} strings (standard_conforming_strings is on since 9.1), dollar quotes with tags, and
 * {@code $} as an identifier character (so {@code a$$b} is one identifier, as in the server).
 */
public final class SqlTokenizer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";
    /** Escape-string, bit-string, hex bit-string and national-character prefixes. */
    private static final Set<String> STRING_PREFIXES = Set.of("e", "b", "x", "n");

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private final List<TokenProblem> problems = new ArrayList<>();
    private int pos;
    private int line;

    private SqlTokenizer(String src, int firstLine) {
        this.src = src;
        this.line = firstLine;
    }

    /** Tokenizes a whole script whose first line is line 1. */
    public static Lexed tokenize(String sql) {
        return tokenize(sql, 1);
    }

    /** Tokenizes text that starts on {@code firstLine}, e.g. a function body inside a larger file. */
    public static Lexed tokenize(String sql, int firstLine) {
        SqlTokenizer t = new SqlTokenizer(sql, firstLine);
        t.run();
        return new Lexed(List.copyOf(t.tokens), List.copyOf(t.problems));
    }

    /** The tokens of a text and what could not be closed. */
    public record Lexed(List<Token> tokens, List<TokenProblem> problems) {
    }

    private void run() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                line += c == '\n' ? 1 : 0;
                pos++;
            } else if (src.startsWith("--", pos)) {
                lineComment();
            } else if (src.startsWith("/*", pos)) {
                blockComment();
            } else if (c == '\'') {
                quoted(pos, pos, TokenType.STRING, false);
            } else if (c == '"') {
                quoted(pos, pos, TokenType.QUOTED_IDENT, false);
            } else if (c == '$') {
                dollar();
            } else if (isIdentStart(c)) {
                wordOrPrefixedString();
            } else if (Character.isDigit(c) || (c == '.' && isDigitAt(pos + 1))) {
                number();
            } else {
                symbol();
            }
        }
    }

    private void lineComment() {
        int start = pos;
        int end = src.indexOf('\n', pos);
        pos = end < 0 ? src.length() : end;
        add(TokenType.LINE_COMMENT, start, src.substring(start + 2, pos), line);
    }

    private void blockComment() {
        int start = pos;
        int startLine = line;
        int depth = 0;
        while (pos < src.length()) {
            if (src.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (src.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    add(TokenType.BLOCK_COMMENT, start, src.substring(start + 2, pos - 2), startLine);
                    return;
                }
            } else {
                advance();
            }
        }
        problems.add(new TokenProblem(startLine, "block comment opened here is never closed (\"*/\" missing; "
                + "block comments nest in PostgreSQL, so every \"/*\" needs its own \"*/\")"));
        add(TokenType.BLOCK_COMMENT, start, src.substring(start + 2), startLine);
    }

    /**
     * A single-quoted string or a quoted identifier. {@code start} is where the token begins (at a
     * prefix such as {@code E}), {@code quotePos} the opening quote.
     */
    private void quoted(int start, int quotePos, TokenType type, boolean backslashEscapes) {
        char q = src.charAt(quotePos);
        int startLine = line;
        pos = quotePos + 1;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (backslashEscapes && c == '\\' && pos + 1 < src.length()) {
                pos++;
                advance();
            } else if (c == q && pos + 1 < src.length() && src.charAt(pos + 1) == q) {
                pos += 2;
            } else if (c == q) {
                pos++;
                String content = src.substring(quotePos + 1, pos - 1);
                String value = type == TokenType.QUOTED_IDENT ? content.replace("\"\"", "\"") : content;
                add(type, start, value, startLine);
                return;
            } else {
                advance();
            }
        }
        String what = type == TokenType.QUOTED_IDENT ? "quoted identifier" : "string literal";
        problems.add(new TokenProblem(startLine, what + " opened here is never closed (missing " + q + ")"));
        add(type, start, src.substring(quotePos + 1), startLine);
    }

    private void dollar() {
        String tag = dollarTagAt(pos);
        if (tag == null) {
            if (isDigitAt(pos + 1)) {
                int start = pos++;
                while (isDigitAt(pos)) {
                    pos++;
                }
                add(TokenType.PARAM, start, src.substring(start, pos), line);
            } else {
                symbol();
            }
            return;
        }
        int start = pos;
        int startLine = line;
        int bodyStart = pos + tag.length();
        int close = src.indexOf(tag, bodyStart);
        if (close < 0) {
            problems.add(new TokenProblem(startLine, "dollar-quoted string opened here with " + tag
                    + " is never closed"));
            close = src.length();
        }
        pos = bodyStart;
        while (pos < close) {
            advance();
        }
        pos = Math.min(src.length(), close + tag.length());
        add(TokenType.DOLLAR_STRING, start, src.substring(bodyStart, close), startLine);
    }

    /** {@code $$} or {@code $tag$} at {@code at}, or null. Tags follow identifier rules minus {@code $}. */
    private String dollarTagAt(int at) {
        int i = at + 1;
        if (i < src.length() && isIdentStart(src.charAt(i))) {
            while (i < src.length() && isIdentPart(src.charAt(i)) && src.charAt(i) != '$') {
                i++;
            }
        }
        return i < src.length() && src.charAt(i) == '$' ? src.substring(at, i + 1) : null;
    }

    private void wordOrPrefixedString() {
        int start = pos;
        while (pos < src.length() && isIdentPart(src.charAt(pos))) {
            pos++;
        }
        String word = src.substring(start, pos);
        String lower = word.toLowerCase(Locale.ROOT);
        if (pos < src.length() && src.charAt(pos) == '\'' && STRING_PREFIXES.contains(lower)) {
            quoted(start, pos, TokenType.STRING, lower.equals("e"));
        } else if (lower.equals("u") && src.startsWith("&'", pos)) {
            quoted(start, pos + 1, TokenType.STRING, false);
        } else if (lower.equals("u") && src.startsWith("&\"", pos)) {
            quoted(start, pos + 1, TokenType.QUOTED_IDENT, false);
        } else {
            add(TokenType.WORD, start, lower, line);
        }
    }

    private void number() {
        int start = pos;
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                || src.charAt(pos) == '.' && !src.startsWith("..", pos))) {
            pos++;
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (!isDigitAt(pos)) {
                pos = save;
            }
            while (isDigitAt(pos)) {
                pos++;
            }
        }
        add(TokenType.NUMBER, start, src.substring(start, pos), line);
    }

    private void symbol() {
        int start = pos;
        char c = src.charAt(pos);
        if (src.startsWith("::", pos)) {
            pos += 2;
        } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
            pos++;
            while (pos < src.length() && OPERATOR_CHARS.indexOf(src.charAt(pos)) >= 0
                    && !src.startsWith("--", pos) && !src.startsWith("/*", pos)) {
                pos++;
            }
        } else {
            pos++;
        }
        String text = src.substring(start, pos);
        add(TokenType.SYMBOL, start, text, line);
    }

    private void advance() {
        if (src.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }

    private void add(TokenType type, int start, String value, int tokenLine) {
        tokens.add(new Token(type, src.substring(start, Math.min(pos, src.length())), value, tokenLine));
    }

    private boolean isDigitAt(int at) {
        return at < src.length() && Character.isDigit(src.charAt(at));
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80 && c != '\uFEFF';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || Character.isDigit(c) || c == '$';
    }
}
