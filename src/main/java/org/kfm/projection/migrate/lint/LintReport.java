package org.kfm.projection.migrate.lint;

import java.util.List;

/**
 * The outcome of linting a directory.
 *
 * @param directory    the directory as given
 * @param findings     every finding, in {@link Finding#ORDER}
 * @param filesChecked how many SQL files were read and checked
 */
public record LintReport(String directory, List<Finding> findings, int filesChecked) {

    public LintReport {
        findings = findings.stream().sorted(Finding.ORDER).toList();
    }

    public long errors() {
        return count(Severity.ERROR);
    }

    public long warnings() {
        return count(Severity.WARNING);
    }

    public boolean hasErrors() {
        return errors() > 0;
    }

    /** How many distinct files have at least one finding. */
    public long filesWithFindings() {
        return findings.stream().map(Finding::file).distinct().count();
    }

    private long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
