package org.kfm.projection.migrate.lint.rule;

import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.Severity;
import org.kfm.projection.migrate.lint.sql.Ddl;
import org.kfm.projection.migrate.lint.sql.SqlName;
import org.kfm.projection.migrate.lint.sql.Statement;
import org.kfm.projection.migrate.lint.sql.Token;
import org.kfm.projection.migrate.lint.sql.TokenType;

/**
 * Column defaults and generated columns that read the clock or a random source, in CREATE TABLE and
 * ALTER TABLE (ADD COLUMN ... DEFAULT, ALTER COLUMN ... SET DEFAULT). Every table a projection
 * migration creates is projected: the same catalog must give byte-identical rows, or parity between
 * generations cannot hold.
 */
final class NondeterministicDefaultRule extends BaseRule {
    /** Functions that are only volatile when called, so they are matched with their "(". */
    private static final Set<String> FUNCTIONS = Set.of("now", "clock_timestamp", "statement_timestamp",
            "transaction_timestamp", "timeofday", "random", "gen_random_uuid", "uuid_generate_v1",
            "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7", "txid_current");
    /** SQL value functions written without parentheses. */
    private static final Set<String> KEYWORDS = Set.of("current_timestamp", "current_date", "current_time",
            "localtimestamp", "localtime");
    private static final Pattern GENERATED = Pattern.compile("\\bgenerated always as \\(");

    NondeterministicDefaultRule() {
        super("nondeterministic-default", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        for (Statement s : file.script().statements()) {
            String table = Ddl.createdTable(s).or(() -> Ddl.alteredTable(s)).map(SqlName::object).orElse(null);
            if (table == null) {
                continue;
            }
            for (int i = 0; i < s.size(); i++) {
                if (s.token(i).isWord("default")) {
                    check(file, s, table, "DEFAULT", i, i + 1, expressionEnd(s, i + 1), out);
                }
            }
            for (Statement.Match m : s.findAll(GENERATED)) {
                check(file, s, table, "GENERATED ALWAYS AS", m.first(), m.next(), expressionEnd(s, m.next()), out);
            }
        }
    }

    private void check(MigrationFile file, Statement s, String table, String clause, int clauseIndex, int from,
                       int to, Consumer<Finding> out) {
        for (int i = from; i < to; i++) {
            Token t = s.token(i);
            boolean call = FUNCTIONS.contains(t.value()) && i + 1 < s.size() && s.token(i + 1).isSymbol("(");
            if (t.type() == TokenType.WORD && (call || KEYWORDS.contains(t.value()))) {
                String column = columnName(s, clauseIndex);
                out.accept(finding(file.path(), t.line(), table + "." + column + " " + clause + " uses "
                                + t.value() + (call ? "()" : "") + ": a projected row would differ on every load",
                        "remove the default and load the value from the artifacts or the catalog (e.g. updated_at "
                                + "from the item's kfm:promoted_at), so the same inputs give identical rows"));
                return;
            }
        }
    }

    /** The end of an expression starting at {@code from}: the next top-level comma or unmatched ")". */
    private static int expressionEnd(Statement s, int from) {
        int depth = 0;
        for (int i = from; i < s.size(); i++) {
            Token t = s.token(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")") && depth-- == 0) {
                return i;
            } else if (t.isSymbol(",") && depth == 0) {
                return i;
            }
        }
        return s.size();
    }

    /** The column a clause belongs to: the name after the "(", "," or COLUMN/ADD that starts its definition. */
    private static String columnName(Statement s, int clauseIndex) {
        int depth = 0;
        for (int i = clauseIndex - 1; i >= 0; i--) {
            Token t = s.token(i);
            if (t.isSymbol(")")) {
                depth++;
            } else if (t.isSymbol("(") && depth > 0) {
                depth--;
            } else if (depth == 0 && (t.isSymbol("(") || t.isSymbol(",") || t.isWord("column") || t.isWord("add"))) {
                return i + 1 < clauseIndex ? s.token(i + 1).value() : "?";
            }
        }
        return "?";
    }
}
