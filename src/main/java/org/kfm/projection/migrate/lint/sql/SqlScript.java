package org.kfm.projection.migrate.lint.sql;

import java.util.List;

/**
 * A tokenized, split SQL script.
 *
 * @param tokens     every token, comments included, in source order
 * @param statements the statements, comments removed
 * @param problems   what the tokenizer could not close
 */
public record SqlScript(List<Token> tokens, List<Statement> statements, List<TokenProblem> problems) {

    public static SqlScript parse(String sql) {
        SqlTokenizer.Lexed lexed = SqlTokenizer.tokenize(sql);
        return new SqlScript(lexed.tokens(), StatementSplitter.split(lexed.tokens()), lexed.problems());
    }
}
