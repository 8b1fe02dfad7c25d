package org.kfm.projection.migrate.lint;

import java.util.Set;
import java.util.TreeSet;
import org.kfm.projection.db.PgIdentifier;

/**
 * What the linter needs to know about the deployment.
 *
 * @param schemaBase    the live projection schema's name; {@code _shadow}, {@code _prev} and
 *                      {@code _retired_<n>} are derived from it, as the orchestrator does
 * @param builderTables the tables index builders read; schema changes to them need a {@code Rebuild:} note
 * @throws org.kfm.projection.error.UsageException when a name is not a safe identifier
 */
public record LintConfig(String schemaBase, Set<String> builderTables) {
    public static final String DEFAULT_SCHEMA_BASE = "kfm_index";
    public static final Set<String> DEFAULT_BUILDER_TABLES = Set.of("dataset_version", "feature_geom");

    public LintConfig {
        schemaBase = PgIdentifier.of(schemaBase).name();
        TreeSet<String> tables = new TreeSet<>();
        for (String table : builderTables) {
            tables.add(PgIdentifier.of(table).name());
        }
        builderTables = Set.copyOf(tables);
    }

    public static LintConfig defaults() {
        return new LintConfig(DEFAULT_SCHEMA_BASE, DEFAULT_BUILDER_TABLES);
    }

    /** True for the live, shadow, previous and retired generation schema names. */
    public boolean isGenerationSchema(String name) {
        return name.equals(schemaBase) || name.equals(schemaBase + "_shadow") || name.equals(schemaBase + "_prev")
                || name.startsWith(schemaBase + "_retired_");
    }
}
