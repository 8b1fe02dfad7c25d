package org.kfm.projection.migrate.lint.sql;

/**
 * One lexical token of a SQL script.
 *
 * @param type  lexical class
 * @param text  the exact source text of the token
 * @param value normalized value: lower-cased for {@link TokenType#WORD}, unquoted for
 *              {@link TokenType#QUOTED_IDENT}, raw content for strings, body for dollar strings,
 *              comment text without its markers for comments
 * @param line  1-based line on which the token starts
 */
public record Token(TokenType type, String text, String value, int line) {

    public boolean isWord(String lowerCaseWord) {
        return type == TokenType.WORD && value.equals(lowerCaseWord);
    }

    public boolean isSymbol(String symbol) {
        return type == TokenType.SYMBOL && text.equals(symbol);
    }

    /** A word or quoted identifier: something that can name an object. */
    public boolean isIdentifier() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENT;
    }

    /**
     * The line of a character inside {@link #value()}, for strings and comments that span lines. The
     * value of every multi-line token starts on the token's own line, after its opening delimiter.
     */
    public int lineOfValueOffset(int offset) {
        int newlines = 0;
        for (int i = 0; i < offset && i < value.length(); i++) {
            if (value.charAt(i) == '\n') {
                newlines++;
            }
        }
        return line + newlines;
    }
}
