package org.kfm.projection.migrate.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kfm.projection.migrate.lint.sql.Ddl;
import org.kfm.projection.migrate.lint.sql.SqlName;
import org.kfm.projection.migrate.lint.sql.Statement;

/**
 * Collects, over all files in name (= version) order, the relations the migrations create and which
 * table each index is on. Rules use it to know that a table created in {@code 0010} is a projection
 * table when a function in {@code 0040} mentions it, and which table {@code DROP INDEX x} touches.
 */
final class SchemaInventory {
    private SchemaInventory() {
    }

    static LintContext collect(LintConfig config, List<MigrationFile> files) {
        Set<String> tables = new HashSet<>(config.builderTables());
        Map<String, String> indexTables = new HashMap<>();
        for (MigrationFile file : files) {
            for (Statement s : file.script().statements()) {
                Ddl.createdTable(s).map(SqlName::object).ifPresent(tables::add);
                Ddl.createdView(s).map(SqlName::object).ifPresent(tables::add);
                Ddl.renamedTableTo(s).map(SqlName::object).ifPresent(tables::add);
                Ddl.createdIndex(s).ifPresent(ix -> ix.index().ifPresent(
                        name -> indexTables.put(name.object(), ix.table().object())));
            }
        }
        return new LintContext(config, tables, indexTables);
    }
}
