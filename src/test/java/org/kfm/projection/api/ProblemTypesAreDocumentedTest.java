package org.kfm.projection.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kfm.projection.testing.TestDatabase;

/**
 * Issue 10 item 7: the problem types table of docs/service.md lists exactly the types the code can
 * produce ({@link ProblemType}, the only source of problem types), each with its status.
 */
class ProblemTypesAreDocumentedTest {
    /** A table row such as {@code | `lock-held` | 409 | ... |}. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE);

    @Test
    void everyProblemTypeIsInTheTableWithItsStatusAndNothingElseIs() throws IOException {
        String doc = Files.readString(TestDatabase.repoRoot().resolve("docs/service.md"));
        int start = doc.indexOf("### Problem types");
        int end = doc.indexOf("\n#", start + 5);
        Matcher m = ROW.matcher(doc.substring(start, end < 0 ? doc.length() : end));
        Map<String, Integer> documented = new TreeMap<>();
        while (m.find()) {
            documented.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        Map<String, Integer> produced = new TreeMap<>();
        Arrays.stream(ProblemType.values()).forEach(t -> produced.put(t.slug(), t.status()));
        assertEquals(produced, documented, "docs/service.md, section 'Problem types'");
    }

    @Test
    void theTypeOfAProblemIsAlwaysARegisteredOne() {
        for (int status = 400; status < 600; status++) {
            assertEquals(true, ProblemType.bySlug(ProblemType.ofStatus(status).slug()).isPresent());
        }
    }
}
