package org.kfm.projection.swap;

/**
 * One privilege on one object of a schema, as {@code aclexplode} shows it. Objects are matched
 * across schemas by {@link #object()} (kind, name, arguments, column), never by OID.
 *
 * @param kind {@code schema}, {@code table} (also views), {@code sequence}, {@code column},
 *     {@code function}, {@code procedure}, or {@code default} (default privileges of role
 *     {@code name} for object type {@code args}, e.g. {@code TABLES})
 * @param grantee role name or {@code PUBLIC}; null on the row listing an object nobody holds anything on
 */
record AclEntry(String kind, String name, String args, String column, String grantee, String privilege,
        boolean grantable, boolean granteeIsOwner, String owner) {

    /** The object, independent of the schema it is in. */
    record ObjectRef(String kind, String name, String args, String column) {
        String describe(String schema) {
            return switch (kind) {
                case "schema" -> "schema " + schema;
                case "column" -> "column " + schema + "." + name + "." + column;
                case "function", "procedure" -> kind + " " + schema + "." + name + "(" + args + ")";
                case "default" -> "default privileges of role " + name + " on " + args + " in schema " + schema;
                default -> kind + " " + schema + "." + name;
            };
        }
    }

    /** A privilege held, independent of the grantor. */
    record Held(ObjectRef object, String grantee, String privilege) {
    }

    ObjectRef object() {
        return new ObjectRef(kind, name, args, column);
    }

    Held held() {
        return new Held(object(), grantee, privilege);
    }

    /** A privilege someone holds, other than the owner's implicit ones. */
    boolean isGrant() {
        return grantee != null && !granteeIsOwner;
    }
}
