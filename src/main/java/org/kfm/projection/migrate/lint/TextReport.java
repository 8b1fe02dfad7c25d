package org.kfm.projection.migrate.lint;

import java.io.PrintWriter;

/** The human-readable report: compiler-style lines that editors and CI logs link to the source. */
final class TextReport {
    private TextReport() {
    }

    static void write(LintReport report, PrintWriter out) {
        for (Finding f : report.findings()) {
            out.println(f.file() + ":" + f.line() + ": " + f.rule() + ": " + f.severity().label() + ": " + f.message());
            out.println("    fix: " + f.fix());
        }
        out.println(summary(report));
        out.flush();
    }

    /** E.g. {@code 2 errors, 1 warning in 2 files (7 files checked in migrations/postgis)}. */
    static String summary(LintReport report) {
        return plural(report.errors(), "error") + ", " + plural(report.warnings(), "warning") + " in "
                + plural(report.filesWithFindings(), "file") + " (" + plural(report.filesChecked(), "SQL file")
                + " checked in " + report.directory() + ")";
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
