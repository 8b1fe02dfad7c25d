package org.kfm.projection.load;

import java.util.List;
import java.util.Objects;

/**
 * An index or index-related constraint of a projection table as PostgreSQL describes it, captured
 * before the load so it can be dropped and recreated exactly (the migrations stay the source of
 * truth; nothing here is written by hand). Names in the definitions are schema-qualified.
 *
 * @param table the table's name
 * @param qualifiedTable the table as SQL text, {@code schema.table}, quoted where needed
 * @param name the index's (and for a constraint, the constraint's) name
 * @param quotedName {@code name} quoted where needed
 * @param qualifiedName the index as SQL text, {@code schema.index}; null for a foreign key
 * @param indexDefinition {@code pg_get_indexdef}; null for a foreign key
 * @param constraintDefinition {@code pg_get_constraintdef}; null for a plain index
 * @param deferrable whether the constraint is {@code DEFERRABLE}
 * @param initiallyDeferred whether the constraint is {@code INITIALLY DEFERRED}
 * @param clusterStatement {@code ALTER TABLE ... CLUSTER ON ...} when the table is clustered on it, else null
 * @param commentStatement {@code COMMENT ON ...} restoring its comment, else null
 * @param keyColumns the quoted key columns, empty when a key is an expression (or for a foreign key)
 * @param tableBytes the table's size when captured (larger tables are rebuilt first)
 */
public record IndexDefinition(String table, String qualifiedTable, String name, String quotedName,
        String qualifiedName, Kind kind, String indexDefinition, String constraintDefinition, boolean deferrable,
        boolean initiallyDeferred, String clusterStatement, String commentStatement, List<String> keyColumns,
        long tableBytes) {

    /** What kind of object it is, which decides how it is dropped and rebuilt. */
    public enum Kind {
        PRIMARY_KEY, UNIQUE, EXCLUSION, INDEX, FOREIGN_KEY;

        static Kind ofConstraintType(String contype) {
            if (contype == null) {
                return INDEX;
            }
            return switch (contype) {
                case "p" -> PRIMARY_KEY;
                case "u" -> UNIQUE;
                case "x" -> EXCLUSION;
                case "f" -> FOREIGN_KEY;
                default -> throw new IllegalArgumentException("not an index-related constraint type: " + contype);
            };
        }
    }

    public IndexDefinition {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(qualifiedTable, "qualifiedTable");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(quotedName, "quotedName");
        Objects.requireNonNull(kind, "kind");
        keyColumns = keyColumns == null ? List.of() : List.copyOf(keyColumns);
    }

    /** Whether the rebuild can fail on duplicate rows. */
    public boolean unique() {
        return kind == Kind.PRIMARY_KEY || kind == Kind.UNIQUE || indexDefinition != null
                && indexDefinition.startsWith("CREATE UNIQUE INDEX");
    }

    /** The statement that removes it. */
    String dropStatement() {
        return kind == Kind.INDEX ? "DROP INDEX " + qualifiedName
                : "ALTER TABLE " + qualifiedTable + " DROP CONSTRAINT " + quotedName;
    }

    /**
     * Whether it is built as a plain {@code CREATE INDEX} that may run beside other builds on the same
     * table (SHARE lock): plain indexes and the indexes behind primary keys and unique constraints.
     */
    boolean buildsAsIndex() {
        return kind == Kind.INDEX || kind == Kind.PRIMARY_KEY || kind == Kind.UNIQUE;
    }

    /** The index build ({@code pg_get_indexdef}) or, for exclusion and foreign keys, the ADD CONSTRAINT. */
    String buildStatement() {
        if (buildsAsIndex()) {
            return indexDefinition;
        }
        return "ALTER TABLE " + qualifiedTable + " ADD CONSTRAINT " + quotedName + " " + constraintDefinition;
    }

    /** For a primary key or unique constraint: turns the built index back into the constraint; else null. */
    String attachStatement() {
        if (kind != Kind.PRIMARY_KEY && kind != Kind.UNIQUE) {
            return null;
        }
        String statement = "ALTER TABLE " + qualifiedTable + " ADD CONSTRAINT " + quotedName
                + (kind == Kind.PRIMARY_KEY ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + quotedName;
        if (deferrable) {
            statement += initiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
        }
        return statement;
    }
}
