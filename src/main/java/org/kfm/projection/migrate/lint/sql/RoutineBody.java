package org.kfm.projection.migrate.lint.sql;

import java.util.Locale;
import java.util.Optional;

/**
 * The string body of a routine or {@code DO} block: the literal after {@code AS} in
 * {@code CREATE FUNCTION ... AS $$...$$} or the block of {@code DO [LANGUAGE l] $$...$$}. Such a body
 * is code the server stores as text and resolves by name when it runs.
 *
 * @param token    the string or dollar-quoted token holding the body
 * @param language the declared language, lower-case ({@code sql} when none is given for a function,
 *                 {@code plpgsql} for a DO block without one, as PostgreSQL defaults)
 */
public record RoutineBody(Token token, String language) {

    /** The body of a function/procedure definition, or of a DO block; empty for BEGIN ATOMIC/RETURN. */
    public static Optional<RoutineBody> of(Statement s) {
        if (s.isRoutineDefinition()) {
            return functionBody(s);
        }
        if (s.startsWith("do")) {
            return doBody(s);
        }
        return Optional.empty();
    }

    /** The body tokens re-tokenized as SQL, with their original line numbers. */
    public SqlTokenizer.Lexed lex() {
        return SqlTokenizer.tokenize(token.value(), token.line());
    }

    private static Optional<RoutineBody> functionBody(Statement s) {
        Token body = null;
        int parens = 0;
        for (int i = 0; i < s.size(); i++) {
            Token t = s.token(i);
            parens += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            if (parens == 0 && body == null && t.isWord("as") && i + 1 < s.size()
                    && s.token(i + 1).type().isString()) {
                body = s.token(i + 1);
            }
        }
        String language = language(s).orElse("sql");
        return Optional.ofNullable(body).map(b -> new RoutineBody(b, language));
    }

    private static Optional<RoutineBody> doBody(Statement s) {
        for (int i = 1; i < s.size(); i++) {
            if (s.token(i).type().isString() && !s.token(i - 1).isWord("language")) {
                return Optional.of(new RoutineBody(s.token(i), language(s).orElse("plpgsql")));
            }
        }
        return Optional.empty();
    }

    /** The value after {@code LANGUAGE}, written as a word, a quoted name or a string. */
    public static Optional<String> language(Statement s) {
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.token(i).isWord("language")) {
                return Optional.of(s.token(i + 1).value().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
