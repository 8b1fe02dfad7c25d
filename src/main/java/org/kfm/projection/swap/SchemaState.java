package org.kfm.projection.swap;

import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which generation schemas exist, with the generation number recorded on each (a schema comment
 * written by the swap, so the number travels with the schema through renames).
 *
 * @param comments schema name to its comment (null when it has none), for the schemas of interest
 */
record SchemaState(Map<String, String> comments) {
    private static final Pattern GENERATION = Pattern.compile("kfm-projection generation ([0-9]{1,18})");

    SchemaState {
        comments = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(comments));
    }

    static String commentFor(long generation) {
        return "kfm-projection generation " + generation;
    }

    boolean exists(String schema) {
        return comments.containsKey(schema);
    }

    OptionalLong generation(String schema) {
        String comment = comments.get(schema);
        Matcher m = comment == null ? null : GENERATION.matcher(comment);
        return m != null && m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
