package org.kfm.projection.migrate.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportFormatTest {
    private static final LintReport REPORT = new LintReport("migrations/postgis", List.of(
            new Finding("migrations/postgis/0020__b.sql", 7, "transaction-control", Severity.ERROR,
                    "'COMMIT' controls the transaction", "remove it"),
            new Finding("migrations/postgis/notes.txt", 0, "stray-file", Severity.WARNING,
                    "'notes.txt' is \"stray\"", "move it"),
            new Finding("migrations/postgis/0020__b.sql", 3, "header-invalid", Severity.ERROR,
                    "Risk is 'x'", "write low")), 3);

    private static String render(ReportFormat format, LintReport report) {
        StringWriter sw = new StringWriter();
        format.write(report, new PrintWriter(sw));
        return sw.toString();
    }

    @Test
    void textIsOneLinePerFindingWithAFixLineAndASummary() {
        assertEquals("""
                migrations/postgis/0020__b.sql:3: header-invalid: error: Risk is 'x'
                    fix: write low
                migrations/postgis/0020__b.sql:7: transaction-control: error: 'COMMIT' controls the transaction
                    fix: remove it
                migrations/postgis/notes.txt:0: stray-file: warning: 'notes.txt' is "stray"
                    fix: move it
                2 errors, 1 warning in 2 files (3 SQL files checked in migrations/postgis)
                """, render(ReportFormat.TEXT, REPORT).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void textOfACleanRunIsOnlyTheSummary() {
        assertEquals("0 errors, 0 warnings in 0 files (1 SQL file checked in d)",
                render(ReportFormat.TEXT, new LintReport("d", List.of(), 1)).strip());
    }

    @Test
    void jsonCarriesEveryFieldOfEveryFindingAndASummary() throws Exception {
        JsonNode root = new ObjectMapper().readTree(render(ReportFormat.JSON, REPORT));
        assertEquals("migrations/postgis", root.get("directory").asText());
        JsonNode first = root.get("findings").get(0);
        assertEquals(List.of("file", "line", "rule", "severity", "message", "fix"),
                iterable(first.fieldNames()));
        assertEquals("migrations/postgis/0020__b.sql", first.get("file").asText());
        assertEquals(3, first.get("line").asInt());
        assertEquals("header-invalid", first.get("rule").asText());
        assertEquals("error", first.get("severity").asText());
        assertEquals("'notes.txt' is \"stray\"", root.get("findings").get(2).get("message").asText());
        assertEquals("warning", root.get("findings").get(2).get("severity").asText());
        JsonNode summary = root.get("summary");
        assertEquals(2, summary.get("errors").asInt());
        assertEquals(1, summary.get("warnings").asInt());
        assertEquals(3, summary.get("filesChecked").asInt());
        assertEquals(2, summary.get("filesWithFindings").asInt());
    }

    @Test
    void formatsParseIgnoringCase() {
        assertEquals(Optional.of(ReportFormat.JSON), ReportFormat.parse("JSON"));
        assertEquals(Optional.of(ReportFormat.TEXT), ReportFormat.parse("text"));
        assertTrue(ReportFormat.parse("xml").isEmpty());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
