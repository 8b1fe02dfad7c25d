package org.kfm.projection.swap;

import java.util.List;

/**
 * An object outside a generation's schema that depends on objects inside it, for example a view
 * in another schema over {@code kfm_index.feature_geom}. A schema rename would leave it bound by
 * OID to the old generation.
 *
 * @param kind {@code view}, {@code materialized view}, {@code function}, {@code foreign key},
 *     {@code trigger}, {@code default value}, ... (PostgreSQL's object type names)
 * @param name its schema-qualified identity, e.g. {@code reports.county_features}
 * @param schema the schema it lives in (null for database-level objects such as casts)
 * @param targets the objects of the generation it points at, each as {@code <type> <identity>}
 */
public record OutsideDependency(String kind, String name, String schema, List<String> targets) {
    public OutsideDependency {
        targets = List.copyOf(targets);
    }

    public String describe() {
        return kind + " " + name + " -> " + String.join(", ", targets);
    }
}
