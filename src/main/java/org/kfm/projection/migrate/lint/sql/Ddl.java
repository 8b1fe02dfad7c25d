package org.kfm.projection.migrate.lint.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the object names out of the DDL statements the rules care about. */
public final class Ddl {
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^create (?:(?:global|local) )?(?:(?:temp|temporary|unlogged) )?table (?:if not exists )?");
    private static final Pattern CREATE_VIEW = Pattern.compile(
            "^create (?:or replace )?(?:(?:temp|temporary) )?(?:recursive )?(?:materialized )?view "
                    + "(?:if not exists )?");
    private static final Pattern ALTER_TABLE = Pattern.compile("^alter table (?:if exists )?(?:only )?");
    private static final Pattern RENAME_TO = Pattern.compile(" rename to ");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^create (?:unique )?index (?:concurrently )?(?:if not exists )?");
    private static final Pattern DROP = Pattern.compile(
            "^drop (materialized view|foreign table|event trigger|access method|text search \\w+"
                    + "|operator class|operator family|foreign data wrapper|\\w+) (?:concurrently )?(?:if exists )?");

    private Ddl() {
    }

    /** {@code CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] name}. */
    public static Optional<SqlName> createdTable(Statement s) {
        return s.find(CREATE_TABLE).flatMap(m -> SqlName.readAt(s, m.next()));
    }

    /** {@code CREATE [OR REPLACE] [MATERIALIZED] VIEW name}. */
    public static Optional<SqlName> createdView(Statement s) {
        return s.find(CREATE_VIEW).flatMap(m -> SqlName.readAt(s, m.next()));
    }

    /** The table of an {@code ALTER TABLE [IF EXISTS] [ONLY] name ...}. */
    public static Optional<SqlName> alteredTable(Statement s) {
        return s.find(ALTER_TABLE).flatMap(m -> SqlName.readAt(s, m.next()));
    }

    /** The new name of an {@code ALTER TABLE ... RENAME TO name}. */
    public static Optional<SqlName> renamedTableTo(Statement s) {
        if (alteredTable(s).isEmpty()) {
            return Optional.empty();
        }
        return s.find(RENAME_TO).flatMap(m -> SqlName.readAt(s, m.next()));
    }

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table}. */
    public static Optional<IndexDefinition> createdIndex(Statement s) {
        return s.find(CREATE_INDEX).flatMap(m -> {
            int i = m.next();
            Optional<SqlName> index = Optional.empty();
            if (i < s.size() && !s.token(i).isWord("on")) {
                index = SqlName.readAt(s, i);
                i = index.map(SqlName::next).orElse(i);
            }
            if (i >= s.size() || !s.token(i).isWord("on")) {
                return Optional.empty();
            }
            i++;
            if (i < s.size() && s.token(i).isWord("only")) {
                i++;
            }
            Optional<SqlName> index0 = index;
            return SqlName.readAt(s, i).map(table -> new IndexDefinition(index0, table));
        });
    }

    /** {@code DROP <type> [CONCURRENTLY] [IF EXISTS] name [, name ...]}. */
    public static Optional<Drop> drop(Statement s) {
        return s.find(DROP).map(m -> new Drop(m.result().group(1), names(s, m.next()), s.token(0)));
    }

    private static List<SqlName> names(Statement s, int from) {
        List<SqlName> names = new ArrayList<>();
        int i = from;
        while (i < s.size()) {
            Optional<SqlName> name = SqlName.readAt(s, i);
            if (name.isEmpty()) {
                break;
            }
            names.add(name.get());
            i = skipParentheses(s, name.get().next());
            if (i >= s.size() || !s.token(i).isSymbol(",")) {
                break;
            }
            i++;
        }
        return List.copyOf(names);
    }

    /** Skips a parenthesised argument list, such as a function signature in DROP FUNCTION. */
    private static int skipParentheses(Statement s, int i) {
        if (i >= s.size() || !s.token(i).isSymbol("(")) {
            return i;
        }
        int depth = 0;
        for (; i < s.size(); i++) {
            if (s.token(i).isSymbol("(")) {
                depth++;
            } else if (s.token(i).isSymbol(")") && --depth == 0) {
                return i + 1;
            }
        }
        return i;
    }

    /** An index definition: its name when given, and its table. */
    public record IndexDefinition(Optional<SqlName> index, SqlName table) {
    }

    /**
     * A DROP statement.
     *
     * @param objectType lower-case object type, e.g. {@code table}, {@code materialized view}
     * @param names      the dropped objects
     * @param keyword    the {@code DROP} token, for its line
     */
    public record Drop(String objectType, List<SqlName> names, Token keyword) {
    }
}
