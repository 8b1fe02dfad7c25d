package org.kfm.projection.migrate.lint;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the linter learned about the whole directory before checking single files.
 *
 * @param config        the deployment settings
 * @param projectTables every relation that lives in a generation: the builder tables plus the tables
 *                      and views the migrations create (collected from all files, in version order)
 * @param indexTables   index name to table name, from the migrations' CREATE INDEX statements
 */
public record LintContext(LintConfig config, Set<String> projectTables, Map<String, String> indexTables) {

    public LintContext {
        projectTables = Set.copyOf(projectTables);
        indexTables = Map.copyOf(indexTables);
    }

    public boolean isBuilderTable(String name) {
        return config.builderTables().contains(name);
    }

    public boolean isProjectTable(String name) {
        return projectTables.contains(name);
    }

    public Optional<String> tableOfIndex(String index) {
        return Optional.ofNullable(indexTables.get(index));
    }
}
