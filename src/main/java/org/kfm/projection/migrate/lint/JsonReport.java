package org.kfm.projection.migrate.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine-readable report. Field names are a contract for CI annotations; add, never rename. */
final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static void write(LintReport report, PrintWriter out) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("directory", report.directory());
        root.put("findings", report.findings().stream().map(JsonReport::finding).toList());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("errors", report.errors());
        summary.put("warnings", report.warnings());
        summary.put("filesChecked", report.filesChecked());
        summary.put("filesWithFindings", report.filesWithFindings());
        root.put("summary", summary);
        try {
            out.println(MAPPER.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", f.file());
        m.put("line", f.line());
        m.put("rule", f.rule());
        m.put("severity", f.severity().label());
        m.put("message", f.message());
        m.put("fix", f.fix());
        return m;
    }
}
