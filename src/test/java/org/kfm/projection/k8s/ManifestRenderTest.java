package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kustomization renders, with every renderer found, to the same documents; the overlays
 * hold the expected resources and never the CI Job.
 */
class ManifestRenderTest {
    /** Fields that kustomize v2.0.3 (kubectl 1.20, Debian's kubernetes-client) reads, as v5 does. */
    private static final Set<String> PORTABLE_FIELDS = Set.of("apiVersion", "kind", "resources", "bases", "namespace",
            "images", "patchesStrategicMerge", "namePrefix", "nameSuffix", "commonAnnotations");

    static List<String> overlays() {
        return Manifests.overlays();
    }

    static List<String> kustomizations() {
        try (Stream<Path> s = Files.walk(Manifests.K8S)) {
            return s.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .map(p -> Manifests.K8S.relativize(p.getParent()).toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theKustomizationsAreTheBaseTheOverlaysAndTheSmokeJob() {
        List<String> expected = new ArrayList<>(List.of("base", "jobs/migration-smoke"));
        overlays().forEach(o -> expected.add("overlays/" + o));
        expected.sort(null);
        assertEquals(expected, kustomizations());
        assertTrue(overlays().containsAll(List.of("dev", "prod")), overlays()::toString);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersIdenticallyWithEveryRendererFound(String dir) {
        List<Kustomize> renderers = Kustomize.all();
        Kustomize first = renderers.get(0);
        List<JsonNode> reference = Manifests.parse(first.label(), first.render(Manifests.K8S.resolve(dir))).normalized();
        assertFalse(reference.isEmpty(), () -> first.label() + " rendered nothing for k8s/" + dir);
        for (Kustomize other : renderers.subList(1, renderers.size())) {
            List<JsonNode> docs = Manifests.parse(other.label(), other.render(Manifests.K8S.resolve(dir))).normalized();
            assertEquals(reference, docs, () -> "k8s/" + dir + " renders differently with " + other.label() + " than with "
                    + first.label());
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void usesOnlyFieldsThatOldAndNewKustomizeRead(String dir) throws IOException {
        JsonNode k = Manifests.YAML.readTree(Manifests.K8S.resolve(dir).resolve("kustomization.yaml").toFile());
        Set<String> fields = new TreeSet<>();
        k.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(PORTABLE_FIELDS);
        assertEquals(Set.of(), fields, "k8s/" + dir + "/kustomization.yaml uses fields that kubectl 1.20's kustomize "
                + "v2.0.3 cannot read; keep to " + new TreeSet<>(PORTABLE_FIELDS) + " or change the renderer story in "
                + "docs/deployment.md");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayHoldsTheServiceTheScheduleAndTheirGuardsButNoJob(String overlay) {
        Manifests m = Manifests.render("overlays/" + overlay);
        Set<String> ids = new TreeSet<>();
        m.docs().forEach(d -> ids.add(Manifests.id(d)));
        assertEquals(new TreeSet<>(List.of("ConfigMap/kfm-projection-config", "CronJob/kfm-projection-rebuild",
                "Deployment/kfm-projection", "NetworkPolicy/kfm-projection", "PodDisruptionBudget/kfm-projection",
                "Service/kfm-projection", "ServiceAccount/kfm-projection")), ids);
        for (JsonNode d : m.docs()) {
            assertEquals("kfm-" + overlay, d.path("metadata").path("namespace").asText(), () -> Manifests.id(d)
                    + " is not in the overlay's namespace");
        }
    }

    @Test
    void baseIsNamespaceAgnosticAndSmokeJobIsSeparate() {
        for (JsonNode d : Manifests.render("base").docs()) {
            assertTrue(d.path("metadata").path("namespace").isMissingNode(), () -> Manifests.id(d) + " in the base "
                    + "names a namespace");
        }
        Manifests smoke = Manifests.render("jobs/migration-smoke");
        assertEquals(List.of("Job/kfm-projection-migration-smoke"), smoke.docs().stream().map(Manifests::id).toList());
        assertTrue(smoke.docs().get(0).path("metadata").path("namespace").isMissingNode(),
                "the smoke Job takes the namespace CI gives it");
    }

    @Test
    void noManifestFileDefinesASecret() throws IOException {
        try (Stream<Path> s = Files.walk(Manifests.K8S)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                for (JsonNode d : Manifests.parse(p.toString(), Files.readString(p)).docs()) {
                    assertFalse("Secret".equals(d.path("kind").asText()), p + " defines a Secret: reference Secrets "
                            + "only, and document how to create them in docs/deployment.md");
                }
            }
        }
    }
}
