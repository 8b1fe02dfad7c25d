package org.kfm.projection.migrate.lint.rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintConfig;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.Severity;
import org.kfm.projection.migrate.lint.sql.RoutineBody;
import org.kfm.projection.migrate.lint.sql.Statement;
import org.kfm.projection.migrate.lint.sql.Token;
import org.kfm.projection.migrate.lint.sql.TokenType;

/**
 * Migrations run inside whichever generation schema is being built, chosen at run time; a generation
 * schema's name written into a migration points at another generation (or at none, after a rename).
 * Checked: names in code; string values of search_path settings ({@code SET search_path TO 'x'},
 * {@code set_config('search_path', 'x', ...)}); and the text bodies of functions and DO blocks.
 * Comments and other string literals (e.g. {@code COMMENT ON ... IS '...'}) are not code and are
 * not checked.
 */
final class HardCodedSchemaRule extends BaseRule {
    HardCodedSchemaRule() {
        super("hard-coded-schema", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        LintConfig config = context.config();
        Set<Mention> hits = new LinkedHashSet<>();
        for (Statement s : file.script().statements()) {
            for (Mention m : mentions(s)) {
                if (config.isGenerationSchema(m.name())) {
                    hits.add(m);
                }
            }
        }
        for (Mention m : hits) {
            out.accept(finding(file.path(), m.line(), "'" + m.name() + "' is a generation schema name: migrations "
                            + "run inside whichever schema is being built (" + config.schemaBase()
                            + "_shadow, renamed to " + config.schemaBase() + " on swap), so a hard-coded name "
                            + "reaches into another generation",
                    "use unqualified names; the runner makes the shadow schema the default, and PostGIS types "
                            + "resolve through the shared extension schema on the search_path"));
        }
    }

    private static List<Mention> mentions(Statement s) {
        List<Mention> out = new ArrayList<>();
        boolean searchPath = mentionsSearchPath(s);
        for (Token t : s.tokens()) {
            if (t.isIdentifier()) {
                out.add(new Mention(t.value(), t.line()));
            } else if (searchPath && t.type() == TokenType.STRING) {
                for (String part : t.value().split(",")) {
                    out.add(new Mention(unquote(part.trim()), t.line()));
                }
            }
        }
        RoutineBody.of(s).ifPresent(body -> out.addAll(Mention.in(body.lex())));
        return out;
    }

    static boolean mentionsSearchPath(Statement s) {
        return s.tokens().stream().anyMatch(t -> t.isWord("search_path")
                || t.type() == TokenType.STRING && t.value().equalsIgnoreCase("search_path"));
    }

    private static String unquote(String name) {
        return name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1) : name.toLowerCase(Locale.ROOT);
    }
}
