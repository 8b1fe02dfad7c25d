package org.kfm.projection.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.migrate.lint.LintConfig;
import org.kfm.projection.migrate.lint.LintReport;
import org.kfm.projection.migrate.lint.MigrationLinter;
import org.kfm.projection.migrate.lint.ReportFormat;
import org.kfm.projection.migrate.lint.rule.BuiltInRules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kfm-projection lint}: checks projection migrations without touching a database. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Checks projection migrations (file names, headers, destructive changes, transaction "
                + "control, hard-coded schemas, string-bodied functions, ...) without a database. "
                + "Rules: docs/migration-linter.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings allowed)", "1:at least one error", "2:directory missing or bad option"})
public class LintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "migrations/postgis",
            description = "Migration directory (default: ${DEFAULT-VALUE}).")
    Path directory;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            converter = FormatConverter.class, description = "Output format (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = "--schema-base", paramLabel = "NAME", defaultValue = LintConfig.DEFAULT_SCHEMA_BASE,
            description = "Live projection schema; _shadow, _prev and _retired_* derive from it "
                    + "(default: ${DEFAULT-VALUE}).")
    String schemaBase;

    @Option(names = "--builder-table", paramLabel = "TABLE", split = ",",
            defaultValue = "dataset_version,feature_geom",
            description = "Tables index builders read; schema changes to them need a Rebuild: header "
                    + "(repeatable or comma-separated; default: ${DEFAULT-VALUE}).")
    List<String> builderTables;

    @Override
    public Integer call() {
        if (!Files.isDirectory(directory)) {
            throw new UsageException("lint-directory-missing", "migration directory '" + directory
                    + "' does not exist or is not a directory; pass the directory holding NNNN__*.sql files, "
                    + "e.g. kfm-projection lint migrations/postgis");
        }
        LintConfig config = new LintConfig(schemaBase, new LinkedHashSet<>(builderTables));
        LintReport report = new MigrationLinter(config, BuiltInRules.all()).lint(directory);
        PrintWriter out = spec.commandLine().getOut();
        format.write(report, out);
        return report.hasErrors() ? ErrorCode.FAILED.exitCode() : 0;
    }

    /** Accepts {@code text} and {@code json} in any case, naming both when given something else. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            return ReportFormat.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "'" + value + "' is not a format; use text or json"));
        }
    }
}
