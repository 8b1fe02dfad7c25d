package org.kfm.projection.migrate.lint.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.HeaderField;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.Severity;
import org.kfm.projection.migrate.lint.sql.Ddl;
import org.kfm.projection.migrate.lint.sql.Statement;

/**
 * A schema change to a table that index builders read must say in a {@code Rebuild:} header what
 * has to be rebuilt and how: the loader and parity checks of the next generation depend on it.
 * Tables are matched by their unqualified name; indexes through the table they were created on.
 */
final class RebuildNoteRule extends BaseRule {
    RebuildNoteRule() {
        super("rebuild-note-missing", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        if (file.header().has(HeaderField.REBUILD)) {
            return;
        }
        List<Change> changes = new ArrayList<>();
        for (Statement s : file.script().statements()) {
            changes(s, context).stream().filter(c -> context.isBuilderTable(c.table())).forEach(changes::add);
        }
        if (changes.isEmpty()) {
            return;
        }
        String list = changes.stream().map(c -> c.verb() + " on " + c.table() + " (line " + c.line() + ")")
                .distinct().collect(Collectors.joining(", "));
        out.accept(finding(file.path(), changes.get(0).line(),
                "changes tables index builders read without a '-- Rebuild:' header: " + list,
                "add to the header: -- Rebuild: <what must be rebuilt and how>, e.g. -- Rebuild: full rebuild "
                        + "(kfm-projection rebuild); the loader fills the new column from the artifacts"));
    }

    private record Change(String table, int line, String verb) {
    }

    private static List<Change> changes(Statement s, LintContext context) {
        List<Change> changes = new ArrayList<>();
        int line = s.line();
        Ddl.createdTable(s).ifPresent(t -> changes.add(new Change(t.object(), line, "CREATE TABLE")));
        Ddl.alteredTable(s).ifPresent(t -> changes.add(new Change(t.object(), line, "ALTER TABLE")));
        Ddl.createdIndex(s).ifPresent(ix -> changes.add(new Change(ix.table().object(), line, "CREATE INDEX")));
        Optional<Ddl.Drop> drop = Ddl.drop(s);
        drop.filter(d -> d.objectType().equals("table")).ifPresent(d -> d.names()
                .forEach(n -> changes.add(new Change(n.object(), line, "DROP TABLE"))));
        drop.filter(d -> d.objectType().equals("index")).ifPresent(d -> d.names()
                .forEach(n -> context.tableOfIndex(n.object())
                        .ifPresent(t -> changes.add(new Change(t, line, "DROP INDEX " + n.object())))));
        return changes;
    }
}
