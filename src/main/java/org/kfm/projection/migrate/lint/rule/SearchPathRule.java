package org.kfm.projection.migrate.lint.rule;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.Severity;
import org.kfm.projection.migrate.lint.sql.RoutineBody;
import org.kfm.projection.migrate.lint.sql.Statement;
import org.kfm.projection.migrate.lint.sql.StatementSplitter;
import org.kfm.projection.migrate.lint.sql.Token;
import org.kfm.projection.migrate.lint.sql.TokenType;

/**
 * Changing the search_path. In the migration's own session (SET, RESET, set_config, a DO block, or
 * ALTER ROLE/DATABASE for later sessions) it is an error: the runner points the search_path at the
 * shadow schema, and everything after the change lands outside the generation, where no swap moves
 * it and every later generation shares it. On a function or procedure ({@code SET search_path}
 * option, or a body that sets it) it is a warning: it does not move objects, but it pins a string
 * body's name resolution to schema names and keeps SQL functions from being inlined.
 */
final class SearchPathRule extends BaseRule {
    /** Unanchored: also the SET option of CREATE/ALTER FUNCTION and ALTER ROLE/DATABASE. */
    private static final Pattern SET_PATH = Pattern.compile(
            "\\b(?:set (?:session |local )?search_path|reset (?:search_path|all))\\b");
    /** SET SCHEMA 'x' is the search_path; ALTER TABLE ... SET SCHEMA moves a table and is not matched. */
    private static final Pattern SET_SCHEMA = Pattern.compile("(?:^|\\bbegin )set (?:session |local )?schema\\b");
    private static final Pattern ALTER_ROUTINE = Pattern.compile("^alter (?:function|procedure|routine)\\b");

    SearchPathRule() {
        super("search-path-change", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        for (Statement s : file.script().statements()) {
            boolean routine = s.isRoutineDefinition() || s.find(ALTER_ROUTINE).isPresent();
            Optional<RoutineBody> body = RoutineBody.of(s);
            List<Statement> checked = body.map(b -> StatementSplitter.split(b.lex().tokens())).orElse(List.of());
            Optional<Integer> line = changeLine(s);
            for (Statement inner : checked) {
                line = line.or(() -> changeLine(inner));
            }
            line.ifPresent(l -> out.accept(routine ? routineFinding(file, l) : sessionFinding(file, l)));
        }
    }

    private Finding sessionFinding(MigrationFile file, int line) {
        return finding(file.path(), line, "changes the search_path: the runner points it at the shadow schema, so "
                        + "objects created after this land outside the generation (never swapped, shared by every "
                        + "generation) and names resolve into other schemas",
                "remove it; write unqualified names and let the runner choose the schema");
    }

    private Finding routineFinding(MigrationFile file, int line) {
        return finding(file.path(), line, Severity.WARNING, "a function or procedure sets the search_path: it "
                        + "pins name resolution of string bodies to schema names and prevents SQL function inlining",
                "remove the SET search_path; use a BEGIN ATOMIC body, whose names bind at creation");
    }

    /** The line of a search_path change in a statement's own code (not in strings), if any. */
    private static Optional<Integer> changeLine(Statement s) {
        return s.find(SET_PATH).or(() -> s.find(SET_SCHEMA)).map(m -> s.token(m.first()).line())
                .or(() -> setConfigLine(s));
    }

    private static Optional<Integer> setConfigLine(Statement s) {
        for (int i = 0; i + 2 < s.size(); i++) {
            Token arg = s.token(i + 2);
            if (s.token(i).isWord("set_config") && s.token(i + 1).isSymbol("(")
                    && arg.type() == TokenType.STRING && arg.value().equalsIgnoreCase("search_path")) {
                return Optional.of(s.token(i).line());
            }
        }
        return Optional.empty();
    }
}
