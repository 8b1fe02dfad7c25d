package org.kfm.projection.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellBlocksTest {
    private static final String DOC = String.join("\n",
            "# Title",
            "```bash",
            "echo one",
            "```",
            "```sh",
            "echo not run",
            "```",
            "```text",
            "output",
            "```",
            "```bash",
            "# Needs a cluster:",
            "kubectl apply -k k8s",
            "```",
            "1. a list item",
            "   ```bash",
            "   false   # exits 1 because false fails",
            "   ```",
            "");

    @TempDir
    Path tmp;

    @Test
    void runsOnlyBashBlocksWithoutANeedsMark() {
        List<ShellBlocks.Block> blocks = ShellBlocks.parse("d.md", DOC);

        assertEquals(List.of("bash", "sh", "text", "bash", "bash"), blocks.stream().map(ShellBlocks.Block::language)
                .toList());
        assertEquals(List.of(true, false, false, false, true), blocks.stream().map(ShellBlocks.Block::runnable)
                .toList());
        assertEquals(List.of("false   # exits 1 because false fails"), blocks.get(4).lines());
        assertEquals("d.md:17", blocks.get(4).where(0));
    }

    @Test
    void aCommandMarkedExitsNMustExitWithExactlyN() throws Exception {
        ShellBlocks.Script script = ShellBlocks.script(ShellBlocks.parse("d.md", DOC));

        assertEquals(0, bash(script.text()).exit);
        assertFalse(script.text().contains("kubectl"));
        assertEquals("d.md:17", script.origin(script.text().split("\n").length));
    }

    @Test
    void aCommandExitingOtherwiseThanMarkedFailsNamingItsLine() throws Exception {
        ShellBlocks.Script script = ShellBlocks.script(ShellBlocks.parse("d.md",
                "```bash\nexit_with() { return \"$1\"; }\nexit_with 3   # exits 2\n```\n"));

        Result r = bash(script.text());

        assertEquals(97, r.exit);
        assertTrue(r.output.contains("docs-test: expected exit 2, got 3: d.md:3: exit_with 3"), r.output);
    }

    @Test
    void anUnmarkedFailureStopsTheScriptAndTheTrapNamesTheScriptLine() throws Exception {
        ShellBlocks.Script script = ShellBlocks.script(ShellBlocks.parse("d.md",
                "```bash\ntrue\nfalse\necho never\n```\n"));

        Result r = bash(script.text());

        assertEquals(1, r.exit);
        assertFalse(r.output.contains("never"));
        String line = r.output.replaceAll("(?s).*at script line (\\d+).*", "$1").strip();
        assertEquals("d.md:3", script.origin(Integer.parseInt(line)));
    }

    @Test
    void stateCarriesFromOneBlockToTheNext() throws Exception {
        ShellBlocks.Script script = ShellBlocks.script(ShellBlocks.parse("d.md",
                "```bash\nexport X=1\n```\ntext\n```bash\n[ \"$X\" = 1 ]\n```\n"));

        assertEquals(0, bash(script.text()).exit);
    }

    private record Result(int exit, String output) {
    }

    private Result bash(String script) throws IOException, InterruptedException {
        Path file = tmp.resolve("s.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }
}
