package org.kfm.projection.migrate.lint.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL statement: its code tokens (comments removed, the terminating {@code ;} not included) and
 * a normalized rendering that regular expressions can match without ever seeing inside a comment or
 * a string. In the rendering, words are lower-case, every string literal (single- or dollar-quoted)
 * is {@code <string>}, tokens are separated by one space and {@code .} joins qualified names without
 * spaces, e.g. {@code create table if not exists kfm_index.feature_geom ( ... )}. Every offset of
 * the rendering maps back to its token, so a match always has a source line.
 */
public final class Statement {
    /** How a string literal appears in {@link #normalized()}. */
    public static final String STRING = "<string>";

    private final List<Token> tokens;
    private final String normalized;
    private final int[] starts;

    public Statement(List<Token> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a statement has at least one token");
        }
        this.tokens = List.copyOf(tokens);
        this.starts = new int[tokens.size()];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean joined = i > 0 && (t.isSymbol(".") || tokens.get(i - 1).isSymbol("."));
            if (i > 0 && !joined) {
                sb.append(' ');
            }
            starts[i] = sb.length();
            sb.append(render(t));
        }
        this.normalized = sb.toString();
    }

    private static String render(Token t) {
        return switch (t.type()) {
            case WORD -> t.value();
            case STRING, DOLLAR_STRING -> STRING;
            default -> t.text();
        };
    }

    public List<Token> tokens() {
        return tokens;
    }

    public Token token(int index) {
        return tokens.get(index);
    }

    public int size() {
        return tokens.size();
    }

    /** The line of the statement's first token. */
    public int line() {
        return tokens.get(0).line();
    }

    public String normalized() {
        return normalized;
    }

    /** Index of the token that covers an offset of {@link #normalized()}. */
    public int tokenIndexAt(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /** The first match of a pattern over {@link #normalized()}. */
    public Optional<Match> find(Pattern pattern) {
        Matcher m = pattern.matcher(normalized);
        return m.find() ? Optional.of(match(m)) : Optional.empty();
    }

    /** Every non-overlapping match of a pattern over {@link #normalized()}. */
    public List<Match> findAll(Pattern pattern) {
        Matcher m = pattern.matcher(normalized);
        List<Match> out = new ArrayList<>();
        while (m.find()) {
            out.add(match(m));
        }
        return out;
    }

    private Match match(Matcher m) {
        int next = tokenIndexAt(Math.max(m.start(), m.end() - 1)) + 1;
        return new Match(tokenIndexAt(m.start()), next, m.toMatchResult());
    }

    /** True when the statement's first words are exactly these lower-case words. */
    public boolean startsWith(String... words) {
        return startsWith(tokens, words);
    }

    /** {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}. */
    public boolean isRoutineDefinition() {
        return isRoutineHead(tokens);
    }

    static boolean isRoutineHead(List<Token> tokens) {
        return startsWith(tokens, "create", "function") || startsWith(tokens, "create", "procedure")
                || startsWith(tokens, "create", "or", "replace", "function")
                || startsWith(tokens, "create", "or", "replace", "procedure");
    }

    private static boolean startsWith(List<Token> tokens, String... words) {
        if (words.length > tokens.size()) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!tokens.get(i).isWord(words[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A regular-expression match mapped back to tokens.
     *
     * @param first  index of the token where the match starts
     * @param next   index of the first token after the match
     * @param result the match over {@link #normalized()}, for groups
     */
    public record Match(int first, int next, MatchResult result) {
    }

    @Override
    public String toString() {
        return "line " + line() + ": " + normalized;
    }
}
