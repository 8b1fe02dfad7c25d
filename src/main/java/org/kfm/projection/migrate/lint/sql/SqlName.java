package org.kfm.projection.migrate.lint.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A possibly qualified object name read from tokens, e.g. {@code kfm_index."Feature"}. Unquoted parts
 * are lower-cased (PostgreSQL folds them), quoted parts are kept exactly.
 *
 * @param parts the name's parts, schema first
 * @param first index of the name's first token in its statement
 * @param next  index of the first token after the name
 * @param token the name's first token, for its line
 */
public record SqlName(List<String> parts, int first, int next, Token token) {

    /** The unqualified object name: the last part. */
    public String object() {
        return parts.get(parts.size() - 1);
    }

    /** The schema (or other) qualifier, when the name has one. */
    public Optional<String> qualifier() {
        return parts.size() > 1 ? Optional.of(parts.get(parts.size() - 2)) : Optional.empty();
    }

    /** Reads the name that starts at token {@code index}, if an identifier is there. */
    public static Optional<SqlName> readAt(Statement s, int index) {
        if (index >= s.size() || !s.token(index).isIdentifier()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        int i = index;
        parts.add(s.token(i).value());
        while (i + 2 < s.size() && s.token(i + 1).isSymbol(".") && s.token(i + 2).isIdentifier()) {
            parts.add(s.token(i + 2).value());
            i += 2;
        }
        return Optional.of(new SqlName(List.copyOf(parts), index, i + 1, s.token(index)));
    }
}
