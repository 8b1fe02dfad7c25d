package org.kfm.projection.docs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable shell blocks of one Markdown document, and the bash script that runs them in order.
 *
 * <p>The convention (also written down in {@code docs/README.md}):
 * <ul>
 *   <li>a fenced block whose info string is {@code bash} is run; every other fence ({@code sh},
 *       {@code text}, {@code sql}, {@code json}, none) is shown only;</li>
 *   <li>a {@code bash} block with a {@code # Needs ...} comment on any of its lines ("# Needs a
 *       cluster", "# Needs Docker", "# Needs S3") is shown only, as in {@code docs/deployment.md}; so is one
 *       marked "# Run by the container tests" (the k8s container tests run it where an engine answers);</li>
 *   <li>a command line ending in {@code # exits N} (N a number, any words may follow) must exit
 *       with exactly N; every other command must succeed ({@code set -euo pipefail}).</li>
 * </ul>
 */
final class ShellBlocks {
    private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,})\\s*([^`\\s]*).*$");
    private static final Pattern NEEDS = Pattern.compile("(?i)(^|\\s)#\\s*(needs|run by the container tests)\\b");
    private static final Pattern EXITS = Pattern.compile("^(?<cmd>.*?\\S)\\s+#\\s*exits\\s+(?<code>\\d{1,3})\\b.*$");

    /** One fenced block: the line of its opening fence (1-based), its language and its lines. */
    record Block(String document, int fenceLine, String language, List<String> lines) {
        boolean runnable() {
            return "bash".equals(language) && lines.stream().noneMatch(l -> NEEDS.matcher(l).find());
        }

        String where(int index) {
            return document + ":" + (fenceLine + 1 + index);
        }
    }

    /** A generated script and, for each of its lines, the document line it came from (or null). */
    record Script(String text, List<String> origins) {
        /** The document line behind a 1-based script line, or a note when there is none. */
        String origin(int scriptLine) {
            if (scriptLine < 1 || scriptLine > origins.size() || origins.get(scriptLine - 1) == null) {
                return "script line " + scriptLine;
            }
            return origins.get(scriptLine - 1);
        }
    }

    private ShellBlocks() {
    }

    /** Every fenced block of the document, in order. An unclosed fence runs to the end, as in CommonMark. */
    static List<Block> parse(String document, String markdown) {
        List<Block> out = new ArrayList<>();
        String[] lines = markdown.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                i++;
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            int start = i;
            List<String> body = new ArrayList<>();
            i++;
            while (i < lines.length && !isClosing(lines[i], fence)) {
                String l = lines[i];
                body.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
                i++;
            }
            out.add(new Block(document, start + 1, open.group(3), List.copyOf(body)));
            i++;
        }
        return out;
    }

    private static boolean isClosing(String line, String fence) {
        String t = line.strip();
        return t.startsWith(fence) && t.chars().allMatch(c -> c == '`');
    }

    /**
     * The bash script that runs the runnable blocks in order: strict mode, an ERR trap that names the
     * failing line, {@code # exits N} lines checked for exactly that code, and background jobs ended
     * on exit.
     */
    static Script script(List<Block> blocks) {
        List<String> text = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        add(text, origins, "set -euo pipefail", null);
        add(text, origins, "trap 'rc=$?; echo \"docs-test: exit $rc at script line $LINENO\" >&2' ERR", null);
        add(text, origins, "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT", null);
        for (Block b : blocks) {
            if (!b.runnable()) {
                continue;
            }
            add(text, origins, "# --- " + b.where(-1), null);
            for (int n = 0; n < b.lines().size(); n++) {
                String line = b.lines().get(n);
                Matcher m = EXITS.matcher(line);
                boolean continued = n > 0 && b.lines().get(n - 1).endsWith("\\");
                if (m.matches() && !continued && !line.endsWith("\\")) {
                    add(text, origins, expectExit(m.group("cmd"), Integer.parseInt(m.group("code")), b.where(n)),
                            b.where(n));
                } else {
                    add(text, origins, line, b.where(n));
                }
            }
        }
        return new Script(String.join("\n", text) + "\n", Collections.unmodifiableList(origins));
    }

    private static String expectExit(String command, int code, String where) {
        String quoted = "'" + (where + ": " + command).replace("'", "'\\''") + "'";
        // inside an if condition neither errexit nor the ERR trap reacts to the expected failure
        return "if " + command + "; then rc=0; else rc=$?; fi; if [ \"$rc\" -ne " + code + " ]; then echo "
                + "\"docs-test: expected exit " + code + ", got $rc:\" " + quoted + " >&2; exit 97; fi";
    }

    private static void add(List<String> text, List<String> origins, String line, String origin) {
        text.add(line);
        origins.add(origin);
    }
}
