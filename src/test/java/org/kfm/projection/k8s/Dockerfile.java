package org.kfm.projection.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The instructions of {@code src/main/docker/Dockerfile.jvm}, read the way {@code docker build}
 * reads them (comments, line continuations, ARG defaults, exec-form JSON arrays). No Docker engine
 * exists on the build machines, so the tests check what the file says.
 */
record Dockerfile(String from, String user, List<String> expose, List<String> entrypoint, List<String> cmd,
        List<Copy> copies, String workdir) {
    static final Path PATH = Manifests.REPO.resolve("src/main/docker/Dockerfile.jvm");

    /** A COPY: sources relative to the build context (the repository root), and the destination. */
    record Copy(List<String> sources, String destination, List<String> flags) {
    }

    static Dockerfile load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> args = new HashMap<>();
        String from = null;
        String user = null;
        String workdir = null;
        List<String> expose = new ArrayList<>();
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        List<Copy> copies = new ArrayList<>();
        for (String instruction : instructions(lines)) {
            String[] kv = instruction.split("\\s+", 2);
            String keyword = kv[0].toUpperCase(Locale.ROOT);
            String rest = kv.length > 1 ? kv[1].strip() : "";
            switch (keyword) {
                case "ARG" -> {
                    String[] a = rest.split("=", 2);
                    args.put(a[0], a.length > 1 ? a[1] : "");
                }
                case "FROM" -> from = substitute(rest.split("\\s+")[0], args);
                case "USER" -> user = rest;
                case "WORKDIR" -> workdir = rest;
                case "EXPOSE" -> expose.addAll(Arrays.asList(rest.split("\\s+")));
                case "ENTRYPOINT" -> entrypoint = execForm(keyword, rest);
                case "CMD" -> cmd = execForm(keyword, rest);
                case "COPY", "ADD" -> {
                    List<String> words = new ArrayList<>(Arrays.asList(rest.split("\\s+")));
                    List<String> flags = new ArrayList<>();
                    while (!words.isEmpty() && words.get(0).startsWith("--")) {
                        flags.add(words.remove(0));
                    }
                    String dest = words.remove(words.size() - 1);
                    copies.add(new Copy(List.copyOf(words), dest, List.copyOf(flags)));
                }
                default -> {
                }
            }
        }
        return new Dockerfile(from, user, List.copyOf(expose), entrypoint, cmd, List.copyOf(copies), workdir);
    }

    /** Instructions with comments dropped and continuation lines joined. */
    static List<String> instructions(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty() && current.length() == 0) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static List<String> execForm(String keyword, String json) {
        try {
            JsonNode array = new ObjectMapper().readTree(json);
            if (!array.isArray()) {
                throw new AssertionError(keyword + " must use the exec (JSON array) form, got: " + json);
            }
            return Manifests.texts(array);
        } catch (IOException e) {
            throw new AssertionError(keyword + " must use the exec (JSON array) form, got: " + json, e);
        }
    }

    private static String substitute(String s, Map<String, String> args) {
        for (Map.Entry<String, String> a : args.entrySet()) {
            s = s.replace("${" + a.getKey() + "}", a.getValue()).replace("$" + a.getKey(), a.getValue());
        }
        return s;
    }
}
