package org.kfm.projection.migrate.lint.sql;

/** Something the tokenizer could not close, such as a string still open at the end of the file. */
public record TokenProblem(int line, String message) {
}
