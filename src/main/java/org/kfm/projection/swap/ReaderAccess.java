package org.kfm.projection.swap;

import java.util.List;

/**
 * Whether a reader role can read a generation: {@code USAGE} on the schema, {@code SELECT} on every
 * table and view, {@code EXECUTE} on every {@code kfm_*} function (parity rule 7).
 */
public record ReaderAccess(String schema, String role, boolean roleExists, boolean schemaExists, boolean schemaUsage,
        List<String> tablesWithoutSelect, List<String> functionsWithoutExecute) {

    public ReaderAccess {
        tablesWithoutSelect = List.copyOf(tablesWithoutSelect);
        functionsWithoutExecute = List.copyOf(functionsWithoutExecute);
    }

    public boolean granted() {
        return roleExists && schemaExists && schemaUsage && tablesWithoutSelect.isEmpty()
                && functionsWithoutExecute.isEmpty();
    }

    /** What is missing, one item each; empty when {@link #granted()}. */
    public List<String> problems() {
        if (!roleExists) {
            return List.of("role " + role + " does not exist");
        }
        if (!schemaExists) {
            return List.of("schema " + schema + " does not exist");
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        if (!schemaUsage) {
            out.add("no USAGE on schema " + schema);
        }
        tablesWithoutSelect.forEach(t -> out.add("no SELECT on " + schema + "." + t));
        functionsWithoutExecute.forEach(f -> out.add("no EXECUTE on " + schema + "." + f));
        return out;
    }
}
