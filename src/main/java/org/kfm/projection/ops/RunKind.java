package org.kfm.projection.ops;

/** What a recorded run did. */
public enum RunKind {
    REBUILD, MIGRATE, SMOKE, VALIDATE, ROLLBACK, PRUNE;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
