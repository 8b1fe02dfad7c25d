package org.kfm.projection.migrate.lint.rule;

import java.util.List;
import org.kfm.projection.migrate.lint.LintRule;

/** The rules of {@code kfm-projection lint}, in the order they are documented in docs/migration-linter.md. */
public final class BuiltInRules {
    private BuiltInRules() {
    }

    /** A new instance of every built-in rule. Rules are stateless; the list is immutable. */
    public static List<LintRule> all() {
        return List.of(
                new FileNameRule(),
                new VersionOrderRule(),
                new StrayFileRule(),
                new HeaderFieldsRule(),
                new HeaderValuesRule(),
                new DestructiveChangeRule(),
                new RebuildNoteRule(),
                new TransactionControlRule(),
                new ConcurrentlyMixedRule(),
                new HardCodedSchemaRule(),
                new StringBodyFunctionRule(),
                new ExtensionRule(),
                new NondeterministicDefaultRule(),
                new SearchPathRule(),
                new UnterminatedTokenRule());
    }
}
