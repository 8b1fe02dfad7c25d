package org.kfm.projection.migrate.lint.rule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.Severity;
import org.kfm.projection.migrate.lint.sql.RoutineBody;
import org.kfm.projection.migrate.lint.sql.SqlName;
import org.kfm.projection.migrate.lint.sql.Statement;

/**
 * Functions and procedures whose body is a string ({@code LANGUAGE plpgsql}, or SQL written as
 * {@code AS $$...$$} / {@code AS '...'}) and that mention a projection table. The server stores such
 * a body as text and resolves its names at call time through the caller's search_path; after the
 * generation is renamed to live, the names no longer resolve ("relation does not exist"), and once
 * the next shadow exists they may resolve into its half-built rows. A SQL-standard
 * {@code BEGIN ATOMIC ... END} body (or a view) is parsed at creation and bound by OID to the
 * tables of its own generation, so it survives the rename.
 */
final class StringBodyFunctionRule extends BaseRule {
    /** Languages whose "body" names a compiled symbol, not code that reads tables. */
    private static final Set<String> NOT_CODE = Set.of("c", "internal");

    StringBodyFunctionRule() {
        super("string-body-function", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        for (Statement s : file.script().statements()) {
            if (!s.isRoutineDefinition()) {
                continue;
            }
            RoutineBody.of(s).filter(b -> !NOT_CODE.contains(b.language()))
                    .ifPresent(body -> check(file, s, body, context, out));
        }
    }

    private void check(MigrationFile file, Statement s, RoutineBody body, LintContext context,
                       Consumer<Finding> out) {
        Map<String, Integer> tables = new LinkedHashMap<>();
        for (Mention m : Mention.in(body.lex())) {
            if (context.isProjectTable(m.name())) {
                tables.putIfAbsent(m.name(), m.line());
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        String list = tables.entrySet().stream().map(e -> e.getKey() + " (line " + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        out.accept(finding(file.path(), tables.values().iterator().next(), routineName(s) + " (LANGUAGE "
                        + body.language() + ", string body) reads projection table(s) " + list,
                "write it as LANGUAGE sql with a BEGIN ATOMIC ... END body, or as a view: string bodies are "
                        + "resolved by name at call time, so after the schema rename they fail (relation does not "
                        + "exist) or read the next shadow's half-built rows; BEGIN ATOMIC bodies bind by OID"));
    }

    private static String routineName(Statement s) {
        for (int i = 0; i < s.size() - 1; i++) {
            if (s.token(i).isWord("function") || s.token(i).isWord("procedure")) {
                Optional<SqlName> name = SqlName.readAt(s, i + 1);
                String kind = s.token(i).value();
                return name.map(n -> kind + " " + String.join(".", n.parts())).orElse(kind);
            }
        }
        return "routine";
    }
}
