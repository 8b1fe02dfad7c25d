package org.kfm.projection.swap;

import java.util.Set;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.KfmException;

/**
 * Renders a {@code GRANT} for one privilege on the same-named object in another schema. Names are
 * rendered only through {@link PgIdentifier}; a role, table or column name it refuses cannot be
 * replayed and is reported instead. Routine argument lists come from
 * {@code pg_get_function_identity_arguments}, i.e. from the server itself.
 */
final class GrantStatements {
    private static final Set<String> PRIVILEGES = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE",
            "REFERENCES", "TRIGGER", "USAGE", "CREATE", "EXECUTE", "MAINTAIN");

    private GrantStatements() {
    }

    /** @throws IllegalArgumentException with the reason when the privilege cannot be rendered safely */
    static String grant(AclEntry e, PgIdentifier schema) {
        String privilege = e.privilege();
        if (!PRIVILEGES.contains(privilege)) {
            throw new IllegalArgumentException("unknown privilege type " + privilege);
        }
        String tail = " TO " + grantee(e.grantee()) + (e.grantable() ? " WITH GRANT OPTION" : "");
        return switch (e.kind()) {
            case "schema" -> "GRANT " + privilege + " ON SCHEMA " + schema.quoted() + tail;
            case "table" -> "GRANT " + privilege + " ON TABLE " + qualified(schema, e.name()) + tail;
            case "sequence" -> "GRANT " + privilege + " ON SEQUENCE " + qualified(schema, e.name()) + tail;
            case "column" -> "GRANT " + privilege + " (" + name(e.column()) + ") ON TABLE "
                    + qualified(schema, e.name()) + tail;
            case "function", "procedure" -> "GRANT " + privilege + " ON " + e.kind().toUpperCase(java.util.Locale.ROOT)
                    + " " + qualified(schema, e.name()) + "(" + e.args() + ")" + tail;
            case "default" -> "ALTER DEFAULT PRIVILEGES FOR ROLE " + name(e.name()) + " IN SCHEMA " + schema.quoted()
                    + " GRANT " + privilege + " ON " + defaultObjects(e.args()) + tail;
            default -> throw new IllegalArgumentException("unknown object kind " + e.kind());
        };
    }

    static String grantee(String role) {
        return "PUBLIC".equals(role) ? "PUBLIC" : name(role);
    }

    static String qualified(PgIdentifier schema, String name) {
        return schema.quoted() + "." + name(name);
    }

    private static String name(String name) {
        try {
            return PgIdentifier.of(name).quoted();
        } catch (KfmException e) {
            throw new IllegalArgumentException("name '" + name + "' cannot be rendered safely (" + e.getMessage()
                    + "): grant it by hand");
        }
    }

    private static String defaultObjects(String objects) {
        if (!Set.of("TABLES", "SEQUENCES", "FUNCTIONS", "TYPES", "SCHEMAS").contains(objects)) {
            throw new IllegalArgumentException("unknown default privilege object type " + objects);
        }
        return objects;
    }
}
