package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The documents of one rendered kustomization, with the lookups the manifest tests need. */
record Manifests(String source, List<JsonNode> docs) {
    static final Path REPO = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    static final Path K8S = REPO.resolve("k8s");
    static final YAMLMapper YAML = new YAMLMapper();

    /** Renderings by directory: the manifests do not change while the tests run. */
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    /** Renders {@code k8s/<dir>} (e.g. {@code overlays/dev}) with the installed renderer. */
    static Manifests render(String dir) {
        return RENDERED.computeIfAbsent(dir, d -> parse("k8s/" + d, Kustomize.required().render(K8S.resolve(d))));
    }

    /** The overlay names under k8s/overlays, sorted: every overlay is tested, including new ones. */
    static List<String> overlays() {
        try (Stream<Path> s = Files.list(K8S.resolve("overlays"))) {
            return s.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifests parse(String source, String yaml) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            for (JsonNode d : YAML.readValues(YAML.getFactory().createParser(yaml), JsonNode.class).readAll()) {
                if (d != null && !d.isNull() && !d.isMissingNode() && !d.isEmpty()) {
                    docs.add(d);
                }
            }
            return new Manifests(source, List.copyOf(docs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the YAML of " + source, e);
        }
    }

    List<JsonNode> ofKind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(name(d))).findFirst();
    }

    /** The one document of this kind and name; fails naming what the rendering does hold. */
    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(source + " has no " + kind + " " + name
                + "; it has " + docs.stream().map(Manifests::id).toList()));
    }

    /** The only document of this kind. */
    JsonNode only(String kind) {
        List<JsonNode> found = ofKind(kind);
        assertEquals(1, found.size(), () -> source + ": expected one " + kind + ", found " + found.stream()
                .map(Manifests::id).toList());
        return found.get(0);
    }

    /** Deployments, CronJobs, Jobs (and any other pod-owning kind) with their pod templates. */
    List<Workload> workloads() {
        List<Workload> out = new ArrayList<>();
        for (JsonNode d : docs) {
            JsonNode template = switch (d.path("kind").asText()) {
                case "CronJob" -> d.path("spec").path("jobTemplate").path("spec").path("template");
                case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> d.path("spec").path("template");
                case "Pod" -> d;
                default -> null;
            };
            if (template != null) {
                out.add(new Workload(d, template));
            }
        }
        return out;
    }

    Workload workload(String kind, String name) {
        return workloads().stream().filter(w -> w.kind().equals(kind) && w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(source + " has no " + kind + " " + name));
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    static String id(JsonNode doc) {
        return doc.path("kind").asText() + "/" + name(doc);
    }

    /** Texts of an array node (absent: empty). */
    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** String-to-string view of a map node such as labels or ConfigMap data (absent: empty). */
    static Map<String, String> map(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * The documents without empty maps, empty lists and nulls, sorted by kind, namespace and name:
     * what two renderers must agree on (kustomize v2 writes {@code labels: {}} where v5 writes nothing).
     */
    List<JsonNode> normalized() {
        return docs.stream().map(d -> prune(d.deepCopy()))
                .sorted(Comparator.comparing((JsonNode d) -> d.path("kind").asText())
                        .thenComparing(d -> d.path("metadata").path("namespace").asText())
                        .thenComparing(Manifests::name))
                .toList();
    }

    private static JsonNode prune(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                prune(e.getValue());
                if (e.getValue().isNull() || e.getValue().isContainerNode() && e.getValue().isEmpty()) {
                    it.remove();
                }
            }
        } else if (n instanceof ArrayNode a) {
            a.forEach(Manifests::prune);
        }
        return n;
    }

    /** A pod-owning resource and its pod template. */
    record Workload(JsonNode resource, JsonNode template) {
        String kind() {
            return resource.path("kind").asText();
        }

        String name() {
            return Manifests.name(resource);
        }

        String id() {
            return kind() + "/" + name();
        }

        JsonNode podSpec() {
            return template.path("spec");
        }

        Map<String, String> podLabels() {
            return map(template.path("metadata").path("labels"));
        }

        /** Containers and init containers. */
        List<JsonNode> containers() {
            List<JsonNode> out = new ArrayList<>();
            podSpec().path("initContainers").forEach(out::add);
            podSpec().path("containers").forEach(out::add);
            return out;
        }

        /** The container named kfm-projection: the application. */
        JsonNode app() {
            return containers().stream().filter(c -> "kfm-projection".equals(c.path("name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError(id() + " has no container named kfm-projection"));
        }
    }
}
