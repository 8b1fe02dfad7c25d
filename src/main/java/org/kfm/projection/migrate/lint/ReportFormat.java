package org.kfm.projection.migrate.lint;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a {@link LintReport} is written: for people ({@code text}) or for tools ({@code json}). */
public enum ReportFormat {
    /**
     * One {@code file:line: rule-id: severity: message} line per finding, an indented {@code fix:} line
     * under it, and a summary line at the end.
     */
    TEXT {
        @Override
        public void write(LintReport report, PrintWriter out) {
            TextReport.write(report, out);
        }
    },
    /**
     * A JSON object: {@code findings} (an array of objects with file, line, rule, severity,
     * message, fix) and {@code summary} (errors, warnings, filesChecked, filesWithFindings).
     */
    JSON {
        @Override
        public void write(LintReport report, PrintWriter out) {
            JsonReport.write(report, out);
        }
    };

    /** Writes the report and flushes. */
    public abstract void write(LintReport report, PrintWriter out);

    /** Lower-case name as given on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code text} or {@code json}, ignoring case. */
    public static Optional<ReportFormat> parse(String value) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(value)).findFirst();
    }
}
