package org.kfm.projection.migrate.lint.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kfm.projection.migrate.lint.Finding;
import org.kfm.projection.migrate.lint.HeaderField;
import org.kfm.projection.migrate.lint.LintContext;
import org.kfm.projection.migrate.lint.MigrationFile;
import org.kfm.projection.migrate.lint.MigrationHeader;
import org.kfm.projection.migrate.lint.Severity;

/** Every migration starts with Purpose, Risk, Rollback and Notes: the reviewer's minimum. */
final class HeaderFieldsRule extends BaseRule {
    private static final List<HeaderField> REQUIRED = List.of(
            HeaderField.PURPOSE, HeaderField.RISK, HeaderField.ROLLBACK, HeaderField.NOTES);

    HeaderFieldsRule() {
        super("header-missing", Severity.ERROR);
    }

    @Override
    public void checkFile(MigrationFile file, LintContext context, Consumer<Finding> out) {
        MigrationHeader header = file.header();
        List<HeaderField> missing = REQUIRED.stream().filter(f -> !header.has(f)).toList();
        if (missing.isEmpty()) {
            return;
        }
        List<HeaderField> absent = missing.stream().filter(f -> !header.isWritten(f)).toList();
        List<HeaderField> placeholders = missing.stream().filter(header::isWritten).toList();
        List<String> parts = new ArrayList<>();
        if (!absent.isEmpty()) {
            parts.add("header lacks " + labels(absent.stream()));
        }
        if (!placeholders.isEmpty()) {
            parts.add("header field(s) " + labels(placeholders.stream())
                    + " still empty or the template's <...> placeholder");
        }
        String message = String.join("; ", parts) + " (the header is the -- comments before the first statement)";
        out.accept(finding(file.path(), 1, message, "start the file with: " + template(missing)));
    }

    private static String labels(Stream<HeaderField> fields) {
        return fields.map(HeaderField::label).collect(Collectors.joining(", "));
    }

    private static String template(List<HeaderField> missing) {
        return missing.stream().map(f -> switch (f) {
            case PURPOSE -> "-- Purpose: <one sentence>";
            case RISK -> "-- Risk: low|medium|high";
            case ROLLBACK -> "-- Rollback: none|manual|scripted — <how>";
            case NOTES -> "-- Notes: <runtime, locks, backfill>";
            case REBUILD -> "-- Rebuild: <what must be rebuilt and how>";
        }).collect(Collectors.joining(" / "));
    }
}
