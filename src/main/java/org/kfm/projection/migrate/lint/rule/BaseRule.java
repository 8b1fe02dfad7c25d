package org.kfm.projection.migrate.lint.rule;

import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.LintRule;
import org.kfm.projection.migrate.lint.Severity;

/** Holds a rule's id and default severity and builds its findings. */
abstract class BaseRule implements LintRule {
    private final String id;
    private final Severity severity;

    BaseRule(String id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    @Override
    public final String id() {
        return id;
    }

    final Finding finding(String file, int line, String message, String fix) {
        return new Finding(file, line, id, severity, message, fix);
    }

    final Finding finding(String file, int line, Severity override, String message, String fix) {
        return new Finding(file, line, id, override, message, fix);
    }

    @Override
    public String toString() {
        return id;
    }
}
