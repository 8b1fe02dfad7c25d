package org.kfm.projection.migrate.lint.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kfm.projection.migrate.lint.sql.SqlTokenizer;
import org.kfm.projection.migrate.lint.sql.Token;
import org.kfm.projection.migrate.lint.sql.TokenType;

/**
 * A name mentioned in code that the server keeps as text (a function body, a DO block), with its
 * line. Names inside string literals of that code count too, since dynamic SQL
 * ({@code EXECUTE 'SELECT ... FROM feature_geom'}) resolves them just the same; comments do not.
 *
 * @param name lower-case for unquoted names, exact for quoted identifiers
 * @param line 1-based line in the migration file
 */
record Mention(String name, int line) {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    static List<Mention> in(SqlTokenizer.Lexed code) {
        List<Mention> out = new ArrayList<>();
        collect(code.tokens(), out);
        return out;
    }

    private static void collect(List<Token> tokens, List<Mention> out) {
        for (Token t : tokens) {
            if (t.isIdentifier()) {
                out.add(new Mention(t.value(), t.line()));
            } else if (t.type() == TokenType.STRING) {
                Matcher m = WORD.matcher(t.value());
                while (m.find()) {
                    out.add(new Mention(m.group().toLowerCase(Locale.ROOT), t.lineOfValueOffset(m.start())));
                }
            } else if (t.type() == TokenType.DOLLAR_STRING) {
                collect(SqlTokenizer.tokenize(t.value(), t.line()).tokens(), out);
            }
        }
    }
}
