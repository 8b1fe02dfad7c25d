package org.kfm.projection.migrate.lint.rule;

import java.util.Set;
import java.util.function.Consumer;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.HeaderField;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.MigrationHeader;
import org.kfm.projection.migrate.lint.Severity;

/** Risk and Rollback take fixed keywords, so tools (and the destructive-change rule) can read them. */
final class HeaderValuesRule extends BaseRule {
    static final Set<String> RISKS = Set.of("low", "medium", "high");
    static final Set<String> ROLLBACKS = Set.of("none", "manual", "scripted");

    HeaderValuesRule() {
        super("header-invalid", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        MigrationHeader h = file.header();
        h.get(HeaderField.RISK).ifPresent(e -> {
            String risk = h.keyword(HeaderField.RISK).orElse("");
            if (!RISKS.contains(risk)) {
                out.accept(finding(file.path(), e.line(), "Risk is '" + e.value() + "'; expected low, medium or high",
                        "write -- Risk: low|medium|high (the first word counts; add detail after it)"));
            }
        });
        h.get(HeaderField.ROLLBACK).ifPresent(e -> {
            String kind = h.keyword(HeaderField.ROLLBACK).orElse("");
            if (!ROLLBACKS.contains(kind)) {
                out.accept(finding(file.path(), e.line(), "Rollback is '" + e.value()
                        + "'; expected none, manual or scripted", "write -- Rollback: none|manual|scripted — <how>"));
            } else if (!kind.equals("none") && h.afterKeyword(HeaderField.ROLLBACK).isBlank()) {
                out.accept(finding(file.path(), e.line(), Severity.WARNING, "Rollback is '" + kind
                        + "' but does not say how", "add how after the keyword, e.g. -- Rollback: " + kind
                        + " — rebuild from the catalog with the previous migration set"));
            }
        });
    }
}
