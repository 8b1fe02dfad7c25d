package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kfm.projection.k8s.Manifests.Workload;

/**
 * docs/deployment.md stays true: its commands that need no cluster run here, every other command is
 * marked as needing a cluster or Docker, and its Secrets and placeholders are those of the manifests.
 */
class DeploymentDocTest {
    private static final Pattern MARK = Pattern.compile("(?i)#\\s*needs (a cluster|docker)");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Z_][A-Z0-9_]*=[^\\s;|&<>]*");
    private static final Pattern CREATE_SECRET = Pattern.compile("create secret generic ([a-z0-9-]+)");
    private static final Pattern FROM = Pattern.compile("--from-(?:literal|file)=([^=\\s]+)=");
    private static final Pattern SECRET_ROW = Pattern.compile("(?m)^\\| `(kfm-projection-[a-z0-9-]+)` \\| `([^`]+)` \\|");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "[a-z0-9.-]+\\.example(?:\\.com)?|\\b123456789012\\b|(?:192\\.0\\.2|198\\.51\\.100|203\\.0\\.113)\\.\\d+/\\d+"
            + "|sha256:0{64}");

    private final String doc = read();

    /** A shell command of a ```bash block, continuation lines joined. */
    /**
     * A command of the page; {@code marked}: not run here (needs a cluster or Docker, or is run by the
     * container tests, {@code runByContainerTests}, where an engine answers).
     */
    record Command(int line, String text, boolean marked, boolean runByContainerTests) {
        Command(int line, String text, boolean marked) {
            this(line, text, marked, false);
        }
    }

    @Test
    void commandsThatNeedNoClusterRunAndTheOthersAreMarked() {
        List<String> unmarked = new ArrayList<>();
        List<Command> runnable = new ArrayList<>();
        for (Command c : commands(doc)) {
            List<String> local = localPrefix(c.text());
            if (c.marked()) {
                if (!local.isEmpty()) {
                    runnable.add(new Command(c.line(), String.join(" | ", local), false));
                }
            } else if (ASSIGNMENT.matcher(c.text()).matches() || local.size() == c.text().split("\\|").length) {
                runnable.add(c);
            } else {
                unmarked.add("line " + c.line() + ": " + c.text());
            }
        }
        assertEquals(List.of(), unmarked, "docs/deployment.md: commands neither runnable here (kubectl kustomize, "
                + "kubectl set image --local) nor marked '# Needs a cluster' / '# Needs Docker' / '# Run by the container tests'");
        assertTrue(Kustomize.onPath("kubectl").isPresent(), "the commands of docs/deployment.md need kubectl: run "
                + "bin/test (installs Debian's kubernetes-client as root) or: sudo apt-get install -y kubernetes-client");

        StringBuilder assignments = new StringBuilder();
        Set<String> rendered = new TreeSet<>();
        for (Command c : runnable) {
            if (ASSIGNMENT.matcher(c.text()).matches()) {
                assignments.append(c.text()).append('\n');
                continue;
            }
            String script = "set -euo pipefail\n" + assignments + c.text() + "\n";
            Processes.Result r = Processes.run(List.of("bash", "-c", script), "", Manifests.REPO);
            assertEquals(0, r.exit(), () -> "docs/deployment.md line " + c.line() + ": " + c.text() + "\n" + r.err());
            Manifests out = Manifests.parse("docs/deployment.md line " + c.line(), r.out());
            assertFalse(out.docs().isEmpty(), "line " + c.line() + " printed no manifest");
            Matcher dir = Pattern.compile("kubectl kustomize (k8s/\\S+)").matcher(c.text());
            if (dir.find()) {
                rendered.add(dir.group(1));
            }
            if (c.text().contains("set image")) {
                for (Workload w : out.workloads()) {
                    assertTrue(w.app().path("image").asText().startsWith("registry.example.com/"), w.id()
                            + " image not replaced by line " + c.line());
                }
            }
        }
        Set<String> expected = new TreeSet<>(List.of("k8s/jobs/migration-smoke"));
        Manifests.overlays().forEach(o -> expected.add("k8s/overlays/" + o));
        assertEquals(expected, rendered, "the page shows how to render every overlay and the smoke Job");
    }

    @Test
    void documentsExactlyTheSecretsTheManifestsReference() {
        Set<String> referenced = new TreeSet<>();
        List<String> dirs = new ArrayList<>(WorkloadManifestTest.renderings());
        for (String dir : dirs) {
            for (Workload w : Manifests.render(dir).workloads()) {
                for (JsonNode c : w.containers()) {
                    for (JsonNode e : c.path("env")) {
                        JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                        if (!ref.isMissingNode()) {
                            referenced.add(ref.path("name").asText() + "/" + ref.path("key").asText());
                        }
                    }
                    assertTrue(c.path("envFrom").findValues("secretRef").isEmpty(), w.id() + ": envFrom a Secret "
                            + "takes whatever keys it has; reference each key");
                }
                for (JsonNode v : w.podSpec().path("volumes")) {
                    JsonNode secret = v.path("secret");
                    if (!secret.isMissingNode()) {
                        assertFalse(secret.path("items").isEmpty(), w.id() + " volume " + v.path("name").asText()
                                + ": name the keys it mounts (items)");
                        secret.path("items").forEach(i -> referenced.add(secret.path("secretName").asText() + "/"
                                + i.path("key").asText()));
                    }
                }
            }
        }
        Set<String> created = new TreeSet<>();
        for (Command c : commands(doc)) {
            Matcher name = CREATE_SECRET.matcher(c.text());
            if (name.find()) {
                assertTrue(c.marked(), "line " + c.line() + " needs a cluster");
                Matcher key = FROM.matcher(c.text());
                while (key.find()) {
                    created.add(name.group(1) + "/" + key.group(1));
                }
            }
        }
        Set<String> table = new TreeSet<>();
        Matcher row = SECRET_ROW.matcher(doc);
        while (row.find()) {
            table.add(row.group(1) + "/" + row.group(2));
        }
        assertEquals(referenced, created, "the 'kubectl create secret' commands of docs/deployment.md");
        assertEquals(referenced, table, "the Secrets table of docs/deployment.md");
    }

    @Test
    void placeholderTableNamesEveryPlaceholderOfProd() {
        Manifests prod = Manifests.render("overlays/prod");
        Set<String> missing = new TreeSet<>();
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(Manifests.YAML.valueToTree(prod.docs()).toString());
        while (m.find()) {
            String token = m.group().startsWith("sha256:") ? "sha256:0000" : m.group();
            found.add(token);
            if (!doc.contains(token)) {
                missing.add(token);
            }
        }
        assertTrue(found.size() >= 5, "expected the prod placeholders (registry, digest, database, issuer, role, "
                + "subnet), found " + found);
        assertEquals(Set.of(), missing, "prod placeholders not listed in docs/deployment.md");
    }

    static List<Command> commands(String markdown) {
        List<Command> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean inFence = false;
        boolean inBash = false;
        boolean blockMarked = false;
        boolean blockRunBy = false;
        boolean first = false;
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("```")) {
                inFence = !inFence;
                inBash = inFence && line.substring(3).strip().matches("bash|sh");
                blockMarked = false;
                blockRunBy = false;
                first = true;
                continue;
            }
            if (!inBash) {
                continue;
            }
            String t = line.strip();
            if (first && !t.isEmpty()) {
                blockRunBy = t.startsWith("#") && ImageUnderTest.MARK.matcher(t).find();
                blockMarked = blockRunBy || t.startsWith("#") && MARK.matcher(t).find();
                first = false;
            }
            if (current == null && (t.isEmpty() || t.startsWith("#"))) {
                continue;
            }
            if (current == null) {
                current = new StringBuilder();
                start = i + 1;
            }
            boolean continues = t.endsWith("\\");
            current.append(continues ? t.substring(0, t.length() - 1).strip() + " " : t);
            if (!continues) {
                String text = current.toString();
                boolean marked = blockMarked || MARK.matcher(text).find();
                int comment = text.indexOf(" #");
                out.add(new Command(start, comment >= 0 ? text.substring(0, comment).strip() : text, marked,
                        blockRunBy));
                current = null;
            }
        }
        return out;
    }

    /** The leading pipeline segments that need no cluster: kubectl kustomize, kubectl set image --local. */
    static List<String> localPrefix(String command) {
        List<String> local = new ArrayList<>();
        for (String segment : command.split("\\|")) {
            String s = segment.strip();
            boolean ok = local.isEmpty() ? s.startsWith("kubectl kustomize ") && !s.contains(";")
                    : s.startsWith("kubectl set image --local ");
            if (!ok) {
                break;
            }
            local.add(s);
        }
        return local;
    }

    private static String read() {
        try {
            return Files.readString(Manifests.REPO.resolve("docs/deployment.md"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
