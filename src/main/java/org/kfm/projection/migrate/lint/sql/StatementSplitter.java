package org.kfm.projection.migrate.lint.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits tokens into statements on {@code ;} the way psql does: not inside parentheses, and not
 * inside the {@code BEGIN ATOMIC ... END} body of a SQL-standard function or procedure. Like psql,
 * it recognizes such a body by the statement's head ({@code CREATE [OR REPLACE] FUNCTION|PROCEDURE})
 * and counts {@code BEGIN}, {@code CASE} and {@code END} at parenthesis depth zero, so a
 * {@code CASE ... END} inside the body does not close it. Semicolons inside strings, dollar quotes
 * and comments never reach this class: they are inside tokens.
 */
public final class StatementSplitter {
    private StatementSplitter() {
    }

    public static List<Statement> split(List<Token> tokens) {
        List<Statement> statements = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int parens = 0;
        int begins = 0;
        for (Token t : tokens) {
            if (t.type().isComment()) {
                continue;
            }
            if (t.isSymbol(";") && parens == 0 && begins == 0) {
                flush(current, statements);
                continue;
            }
            current.add(t);
            if (t.isSymbol("(")) {
                parens++;
            } else if (t.isSymbol(")")) {
                parens = Math.max(0, parens - 1);
            } else if (t.type() == TokenType.WORD && parens == 0 && Statement.isRoutineHead(current)) {
                begins = trackBody(t, begins);
            }
        }
        flush(current, statements);
        return List.copyOf(statements);
    }

    private static int trackBody(Token word, int begins) {
        return switch (word.value()) {
            case "begin" -> begins + 1;
            case "case" -> begins > 0 ? begins + 1 : begins;
            case "end" -> Math.max(0, begins - 1);
            default -> begins;
        };
    }

    private static void flush(List<Token> current, List<Statement> statements) {
        if (!current.isEmpty()) {
            statements.add(new Statement(current));
            current.clear();
        }
    }
}
