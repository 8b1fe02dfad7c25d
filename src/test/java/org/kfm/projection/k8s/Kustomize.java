package org.kfm.projection.k8s;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders a kustomization with the tools on this machine: {@code kubectl kustomize DIR} (any
 * kubectl since 1.14 embeds kustomize) or {@code kustomize build DIR}. {@code bin/test} installs
 * Debian's {@code kubernetes-client} when neither is on the PATH, so a missing renderer fails the
 * tests instead of skipping them.
 *
 * <p>More renderers can be compared through {@code KFM_KUSTOMIZE_EXTRA}: paths of further kubectl or
 * kustomize binaries, separated by {@code :}. For example, Debian's kubectl 1.20 (kustomize v2.0.3)
 * beside a newer kubectl, without installing it over the system's:
 * {@code apt-get download kubernetes-client && dpkg -x kubernetes-client_*.deb /tmp/kc} and
 * {@code KFM_KUSTOMIZE_EXTRA=/tmp/kc/usr/bin/kubectl}.
 */
record Kustomize(String label, List<String> command) {
    static final String EXTRA_ENV = "KFM_KUSTOMIZE_EXTRA";

    /** The renderer the tests use: kubectl first, then kustomize; fails with how to install one. */
    static Kustomize required() {
        return onPath("kubectl").map(Kustomize::of).or(() -> onPath("kustomize").map(Kustomize::of))
                .orElseThrow(() -> new AssertionError("neither kubectl nor kustomize is on the PATH: the manifest "
                        + "tests need one to render k8s/. Run bin/test (installs Debian's kubernetes-client as root) "
                        + "or: sudo apt-get install -y kubernetes-client"));
    }

    /** Every renderer found: kubectl and kustomize on the PATH, then those named by KFM_KUSTOMIZE_EXTRA. */
    static List<Kustomize> all() {
        List<Kustomize> found = new ArrayList<>();
        onPath("kubectl").map(Kustomize::of).ifPresent(found::add);
        onPath("kustomize").map(Kustomize::of).ifPresent(found::add);
        String extra = System.getenv(EXTRA_ENV);
        if (extra != null && !extra.isBlank()) {
            for (String p : extra.split(":")) {
                Path bin = Path.of(p.trim());
                if (!Files.isExecutable(bin)) {
                    throw new AssertionError(EXTRA_ENV + " names " + bin + ", which is not an executable file");
                }
                found.add(of(bin));
            }
        }
        if (found.isEmpty()) {
            required();
        }
        return found;
    }

    static Kustomize of(Path binary) {
        boolean standalone = binary.getFileName().toString().contains("kustomize");
        List<String> cmd = standalone ? List.of(binary.toString(), "build") : List.of(binary.toString(), "kustomize");
        return new Kustomize(binary + " (" + version(binary, standalone) + ")", cmd);
    }

    /** The rendered YAML of the kustomization in {@code dir}; fails with the tool's own message. */
    String render(Path dir) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add(dir.toString());
        Processes.Result r = Processes.run(cmd);
        if (r.exit() != 0) {
            throw new AssertionError(label + " could not render " + dir + " (exit " + r.exit() + "):\n" + r.err());
        }
        return r.out();
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String version(Path binary, boolean standalone) {
        Processes.Result r = Processes.run(standalone ? List.of(binary.toString(), "version")
                : List.of(binary.toString(), "version", "--client"));
        String text = (r.out() + r.err()).strip();
        return text.isEmpty() ? "version unknown" : text.replace('\n', ' ');
    }
}
