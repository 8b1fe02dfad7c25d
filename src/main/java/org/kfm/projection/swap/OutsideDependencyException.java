package org.kfm.projection.swap;

import java.util.List;
import java.util.stream.Collectors;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/** A swap or rollback refused because objects outside the live generation point into it. */
public final class OutsideDependencyException extends KfmException {
    public static final String RULE = "outside-dependency";

    private final String schema;
    private final List<OutsideDependency> dependencies;

    OutsideDependencyException(String action, String schema, List<OutsideDependency> dependencies) {
        super(ErrorCode.FAILED, RULE, message(action, schema, dependencies));
        this.schema = schema;
        this.dependencies = List.copyOf(dependencies);
    }

    private static String message(String action, String schema, List<OutsideDependency> deps) {
        return "refusing to " + action + ": " + deps.size() + " object(s) outside schema " + schema
                + " depend on objects inside it, and a schema rename would leave them bound by OID to the old "
                + "generation (reading stale data, then dropped with it by CASCADE):\n  - "
                + deps.stream().map(OutsideDependency::describe).collect(Collectors.joining("\n  - "))
                + "\nBuild such objects inside the generation (as projection migrations), or drop them and recreate "
                + "them after the swap. Nothing was changed.";
    }

    public String schema() {
        return schema;
    }

    public List<OutsideDependency> dependencies() {
        return dependencies;
    }
}
