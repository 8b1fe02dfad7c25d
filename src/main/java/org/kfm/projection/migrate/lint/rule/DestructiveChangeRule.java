package org.kfm.projection.migrate.lint.rule;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.HeaderField;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.MigrationHeader;
import org.kfm.projection.migrate.lint.Severity;
import org.kfm.projection.migrate.lint.sql.Ddl;
import org.kfm.projection.migrate.lint.sql.SqlName;
import org.kfm.projection.migrate.lint.sql.Statement;

/**
 * DROP, TRUNCATE, DELETE and column type changes lose data or objects; the header must say so with
 * {@code Risk: medium|high} and a Rollback other than {@code none}. Statements inside function
 * definitions are not checked: they run when the function is called, not when the migration runs.
 */
final class DestructiveChangeRule extends BaseRule {
    private static final Pattern DELETE = Pattern.compile("\\bdelete from\\b");
    /** ALTER TABLE ... DROP [COLUMN] x; DROP NOT NULL/DEFAULT/IDENTITY/EXPRESSION/CONSTRAINT keep data. */
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "\\bdrop (?!(?:not null|default|identity|expression|constraint)\\b)");
    private static final Pattern TYPE_CHANGE = Pattern.compile("\\balter (?:column )?\\S+ (?:set data )?type\\b");

    DestructiveChangeRule() {
        super("destructive-change", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        MigrationHeader h = file.header();
        boolean declared = h.keyword(HeaderField.RISK).filter(r -> r.equals("medium") || r.equals("high")).isPresent()
                && h.keyword(HeaderField.ROLLBACK).filter(r -> r.equals("manual") || r.equals("scripted")).isPresent();
        if (declared) {
            return;
        }
        String header = "header has Risk: " + h.keyword(HeaderField.RISK).orElse("(none)") + ", Rollback: "
                + h.keyword(HeaderField.ROLLBACK).orElse("(none)");
        for (Statement s : file.script().statements()) {
            if (s.isRoutineDefinition()) {
                continue;
            }
            destructive(s).ifPresent(d -> out.accept(finding(file.path(), d.line(),
                    d.what() + " is destructive but the " + header,
                    "declare it: -- Risk: medium|high and -- Rollback: manual|scripted — <how to restore>; say in "
                            + "Notes what is lost (projection data comes back by rebuilding from the catalog)")));
        }
    }

    private record Destruction(String what, int line) {
    }

    private static Optional<Destruction> destructive(Statement s) {
        Optional<Ddl.Drop> drop = Ddl.drop(s);
        if (drop.isPresent()) {
            String names = drop.get().names().stream().map(SqlName::object).collect(Collectors.joining(", "));
            return Optional.of(new Destruction("DROP " + drop.get().objectType().toUpperCase(Locale.ROOT)
                    + (names.isEmpty() ? "" : " " + names), s.line()));
        }
        if (s.startsWith("truncate")) {
            return Optional.of(new Destruction("TRUNCATE", s.line()));
        }
        Optional<Statement.Match> delete = s.find(DELETE);
        if (delete.isPresent()) {
            return Optional.of(new Destruction("DELETE", s.token(delete.get().first()).line()));
        }
        Optional<SqlName> altered = Ddl.alteredTable(s);
        if (altered.isEmpty()) {
            return Optional.empty();
        }
        String table = altered.get().object();
        return s.find(DROP_COLUMN).map(m -> new Destruction("ALTER TABLE " + table + " DROP COLUMN",
                        s.token(m.first()).line()))
                .or(() -> s.find(TYPE_CHANGE).map(m -> new Destruction("ALTER TABLE " + table
                        + " ALTER COLUMN ... TYPE (may narrow the column or rewrite the table)",
                        s.token(m.first()).line())));
    }
}
