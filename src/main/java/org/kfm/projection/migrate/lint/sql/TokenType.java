package org.kfm.projection.migrate.lint.sql;

/** The lexical classes the linter needs; finer than this would be a parser, coarser would miss strings. */
public enum TokenType {
    /** Unquoted identifier or keyword; its value is lower-cased, as PostgreSQL folds it. */
    WORD,
    /** {@code "Name"}; its value is the name with doubled quotes undone, case kept. */
    QUOTED_IDENT,
    /** {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}; value is the raw content. */
    STRING,
    /** {@code $tag$...$tag$}; value is the body between the tags. */
    DOLLAR_STRING,
    NUMBER,
    /** Positional parameter such as {@code $1}. */
    PARAM,
    /** Punctuation or operator: {@code ; ( ) , . ::} or a run of operator characters. */
    SYMBOL,
    LINE_COMMENT,
    BLOCK_COMMENT;

    public boolean isComment() {
        return this == LINE_COMMENT || this == BLOCK_COMMENT;
    }

    public boolean isString() {
        return this == STRING || this == DOLLAR_STRING;
    }
}
