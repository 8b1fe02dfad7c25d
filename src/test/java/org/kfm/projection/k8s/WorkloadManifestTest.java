package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kfm.projection.k8s.Manifests.Workload;

/**
 * The workloads as the application needs them: ports and probes, one image and configuration for
 * the service and the rebuild, the CronJob's guards, a restricted pod security context.
 */
class WorkloadManifestTest {
    static final String APP = "kfm-projection";
    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 9000;

    static List<String> overlays() {
        return Manifests.overlays();
    }

    /** Every overlay's workloads, and the smoke Job. */
    static List<String> renderings() {
        List<String> out = new ArrayList<>();
        overlays().forEach(o -> out.add("overlays/" + o));
        out.add("jobs/migration-smoke");
        return out;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesUseTheApplicationsHealthPathsOnTheManagementPort(String overlay) {
        Workload server = Manifests.render("overlays/" + overlay).workload("Deployment", APP);
        JsonNode c = server.app();
        assertEquals(List.of("serve"), Manifests.texts(c.path("args")));
        assertEquals(HTTP_PORT, ApplicationFacts.httpPort(), "quarkus.http.port");
        assertEquals(HTTP_PORT, containerPort(c, "http"));
        assertEquals(MANAGEMENT_PORT, ApplicationFacts.managementPort(), "quarkus.management.port");
        assertEquals(MANAGEMENT_PORT, containerPort(c, "management"));
        assertEquals(String.valueOf(MANAGEMENT_PORT), server.template().path("metadata").path("annotations")
                .path("prometheus.io/port").asText(), "Prometheus scrapes /q/metrics on the management port");
        assertEquals("TCP", c.path("ports").get(0).path("protocol").asText("TCP"));
        assertProbe(c, "readinessProbe", "/q/health/ready");
        assertProbe(c, "livenessProbe", "/q/health/live");
        assertProbe(c, "startupProbe", "/q/health/live");
        int startupBudget = c.path("startupProbe").path("periodSeconds").asInt(10)
                * c.path("startupProbe").path("failureThreshold").asInt(3);
        assertTrue(startupBudget >= 60, "startupProbe allows only " + startupBudget + " s for a JVM start on a busy node");
    }

    private static void assertProbe(JsonNode container, String probe, String path) {
        JsonNode get = container.path(probe).path("httpGet");
        assertEquals(path, get.path("path").asText(), probe + " path");
        JsonNode port = get.path("port");
        int resolved = port.isInt() ? port.asInt() : containerPort(container, port.asText());
        assertEquals(MANAGEMENT_PORT, resolved, probe + " port " + port);
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no port named " + name);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void serviceSendsPort80ToTheHttpPortOfTheServerPodsOnly(String overlay) {
        Manifests m = Manifests.render("overlays/" + overlay);
        JsonNode svc = m.get("Service", APP).path("spec");
        assertEquals("ClusterIP", svc.path("type").asText("ClusterIP"));
        assertEquals(1, svc.path("ports").size());
        JsonNode port = svc.path("ports").get(0);
        assertEquals(80, port.path("port").asInt());
        Workload server = m.workload("Deployment", APP);
        JsonNode target = port.path("targetPort");
        assertEquals(HTTP_PORT, target.isInt() ? target.asInt() : containerPort(server.app(), target.asText()));
        Map<String, String> selector = Manifests.map(svc.path("selector"));
        assertTrue(selects(selector, server.podLabels()), "Service selector " + selector + " misses the server pods");
        assertEquals(Manifests.map(m.get("Deployment", APP).path("spec").path("selector").path("matchLabels")), selector,
                "Service and Deployment select the same pods");
        for (Workload w : m.workloads()) {
            if (!w.kind().equals("Deployment")) {
                assertFalse(selects(selector, w.podLabels()), "the Service would route to " + w.id() + "'s pods");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void cronJobRebuildsWithTheServicesImageConfigSecretsAndIdentity(String overlay) {
        Manifests m = Manifests.render("overlays/" + overlay);
        Workload server = m.workload("Deployment", APP);
        Workload rebuild = m.workload("CronJob", APP + "-rebuild");
        JsonNode c = rebuild.app();
        assertEquals(List.of("rebuild"), Manifests.texts(c.path("args")));
        assertTrue(c.path("command").isMissingNode(), "the image's entrypoint (JVM flags) must stay in force");
        assertEquals(server.app().path("image").asText(), c.path("image").asText(), "one image for service and rebuild");
        assertEquals(envFrom(server.app()), envFrom(c), "one ConfigMap for service and rebuild");
        assertEquals(List.of("configMapRef:kfm-projection-config"), envFrom(c));
        assertEquals(secretEnv(server.app()), secretEnv(c), "the same Secret references");
        assertEquals(server.podSpec().path("serviceAccountName"), rebuild.podSpec().path("serviceAccountName"));
        assertEquals(server.podSpec().path("securityContext"), rebuild.podSpec().path("securityContext"));
        assertEquals(server.app().path("securityContext"), c.path("securityContext"));
        assertEquals("cronjob/kfm-projection-rebuild", literalEnv(c).get("KFM_TRIGGERED_BY"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void cronJobNeverOverlapsRetriesOnlyWhatCanSucceedAndIsBounded(String overlay) {
        JsonNode cron = Manifests.render("overlays/" + overlay).get("CronJob", APP + "-rebuild").path("spec");
        assertEquals("Forbid", cron.path("concurrencyPolicy").asText());
        assertEquals(5, cron.path("schedule").asText().trim().split("\\s+").length, "five-field cron schedule");
        assertTrue(cron.path("startingDeadlineSeconds").asInt() > 0, "startingDeadlineSeconds");
        assertTrue(cron.path("successfulJobsHistoryLimit").asInt() > 0, "successfulJobsHistoryLimit");
        assertTrue(cron.path("failedJobsHistoryLimit").asInt() > 0, "failedJobsHistoryLimit");
        JsonNode job = cron.path("jobTemplate").path("spec");
        assertTrue(job.path("backoffLimit").isInt(), "backoffLimit");
        assertTrue(job.path("activeDeadlineSeconds").asInt() > 0, "activeDeadlineSeconds");
        assertEquals("Never", job.path("template").path("spec").path("restartPolicy").asText());
        JsonNode failJob = job.path("podFailurePolicy").path("rules").get(0);
        assertEquals("FailJob", failJob.path("action").asText());
        assertEquals("In", failJob.path("onExitCodes").path("operator").asText());
        // every error code but FAILED (1), which may be transient: usage, lock held, parity, bad input, disk space
        assertEquals(java.util.Arrays.stream(org.kfm.projection.error.ErrorCode.values())
                .filter(c -> c != org.kfm.projection.error.ErrorCode.FAILED).map(c -> String.valueOf(c.exitCode()))
                .toList(), Manifests.texts(failJob.path("onExitCodes").path("values")),
                "only exit 1 (FAILED, possibly transient) is retried");
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyPodRunsNonRootWithAReadOnlyRootAndOnlyTmpWritable(String dir) {
        for (Workload w : Manifests.render(dir).workloads()) {
            JsonNode pod = w.podSpec().path("securityContext");
            assertEquals("RuntimeDefault", pod.path("seccompProfile").path("type").asText(), w.id() + " seccomp");
            for (JsonNode c : w.containers()) {
                String where = w.id() + " container " + c.path("name").asText();
                JsonNode sc = c.path("securityContext");
                assertTrue(effective(sc, pod, "runAsNonRoot").asBoolean(), where + " runAsNonRoot");
                int uid = effective(sc, pod, "runAsUser").asInt(0);
                assertTrue(uid > 0, where + " runAsUser must be a non-zero number");
                assertEquals(Dockerfile.load().user(), String.valueOf(uid), where + " runs as the image's USER");
                assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), where + " readOnlyRootFilesystem");
                assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), where + " allowPrivilegeEscalation");
                assertFalse(sc.path("privileged").asBoolean(false), where + " privileged");
                assertEquals(List.of("ALL"), Manifests.texts(sc.path("capabilities").path("drop")), where + " drops");
                assertTrue(sc.path("capabilities").path("add").isMissingNode(), where + " adds capabilities");
                JsonNode tmp = mount(c, "/tmp");
                assertFalse(tmp.path("readOnly").asBoolean(false), where + ": /tmp must be writable");
                JsonNode volume = volume(w, tmp.path("name").asText());
                assertTrue(volume.has("emptyDir"), where + ": /tmp is an emptyDir, got " + volume);
                for (JsonNode m : c.path("volumeMounts")) {
                    if (!m.path("mountPath").asText().equals("/tmp")) {
                        assertTrue(m.path("readOnly").asBoolean(false), where + ": only /tmp is writable, not "
                                + m.path("mountPath").asText());
                    }
                }
            }
            assertFalse(w.podSpec().path("hostNetwork").asBoolean(false), w.id() + " hostNetwork");
            assertFalse(w.podSpec().path("hostPID").asBoolean(false), w.id() + " hostPID");
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void podsGetNoApiTokenNoServiceLinksAndTimeToCancel(String dir) {
        Manifests m = Manifests.render(dir);
        m.find("ServiceAccount", APP).ifPresent(sa -> assertFalse(sa.path("automountServiceAccountToken")
                .asBoolean(true), "ServiceAccount automountServiceAccountToken"));
        for (Workload w : m.workloads()) {
            assertEquals(APP, w.podSpec().path("serviceAccountName").asText(), w.id() + " serviceAccountName");
            assertFalse(w.podSpec().path("automountServiceAccountToken").asBoolean(true), w.id()
                    + " automountServiceAccountToken");
            assertFalse(w.podSpec().path("enableServiceLinks").asBoolean(true), w.id() + " enableServiceLinks: the "
                    + "kfm-projection Service would inject KFM_PROJECTION_* variables");
            assertTrue(w.podSpec().path("terminationGracePeriodSeconds").asInt(30) >= 60, w.id()
                    + " needs time to cancel a run cleanly on SIGTERM");
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyContainerHasRequestsAndLimitsWithTheHeapInsideTheLimit(String dir) {
        for (Workload w : Manifests.render(dir).workloads()) {
            for (JsonNode c : w.containers()) {
                String where = w.id() + " container " + c.path("name").asText();
                JsonNode r = c.path("resources");
                for (String k : List.of("requests", "limits")) {
                    for (String res : List.of("cpu", "memory")) {
                        assertFalse(r.path(k).path(res).asText().isEmpty(), where + " " + k + "." + res);
                    }
                }
                long request = Quantity.bytes(r.path("requests").path("memory").asText());
                long limit = Quantity.bytes(r.path("limits").path("memory").asText());
                assertTrue(request <= limit, where + " memory request above limit");
                assertTrue(Quantity.millis(r.path("requests").path("cpu").asText())
                        <= Quantity.millis(r.path("limits").path("cpu").asText()), where + " cpu request above limit");
                // MaxRAMPercentage=75 leaves a quarter for the rest of the JVM; below ~384Mi that is too little
                assertTrue(limit >= 384L << 20, where + " memory limit " + limit + " is too small for the JVM");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void labelsNameTheAppItsComponentAndKfm(String dir) {
        Manifests m = Manifests.render(dir);
        for (JsonNode d : m.docs()) {
            Map<String, String> labels = Manifests.map(d.path("metadata").path("labels"));
            assertEquals(APP, labels.get("app.kubernetes.io/name"), Manifests.id(d) + " labels " + labels);
            assertEquals("kfm", labels.get("app.kubernetes.io/part-of"), Manifests.id(d) + " labels " + labels);
            assertFalse(labels.getOrDefault("app.kubernetes.io/component", "").isEmpty(), Manifests.id(d)
                    + " has no app.kubernetes.io/component");
        }
        for (Workload w : m.workloads()) {
            Map<String, String> own = Manifests.map(w.resource().path("metadata").path("labels"));
            assertEquals(own, w.podLabels(), w.id() + ": pods carry their owner's labels");
            if (w.kind().equals("CronJob")) {
                assertEquals(own, Manifests.map(w.resource().path("spec").path("jobTemplate").path("metadata")
                        .path("labels")), w.id() + ": Jobs carry the CronJob's labels");
            }
            JsonNode selector = w.resource().path("spec").path("selector").path("matchLabels");
            if (!selector.isMissingNode()) {
                assertTrue(selects(Manifests.map(selector), w.podLabels()), w.id() + " selector misses its own pods");
            }
        }
        List<String> components = m.workloads().stream().map(w -> w.podLabels().get("app.kubernetes.io/component"))
                .toList();
        assertEquals(components.size(), components.stream().distinct().count(),
                "each workload has its own component label, so selectors can tell them apart: " + components);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void disruptionBudgetNeverBlocksADrainAndCoversOnlyServerPods(String overlay) {
        Manifests m = Manifests.render("overlays/" + overlay);
        JsonNode pdb = m.only("PodDisruptionBudget").path("spec");
        Workload server = m.workload("Deployment", APP);
        int replicas = server.resource().path("spec").path("replicas").asInt(1);
        Map<String, String> selector = Manifests.map(pdb.path("selector").path("matchLabels"));
        assertTrue(selects(selector, server.podLabels()), "the budget covers the server pods");
        for (Workload w : m.workloads()) {
            if (!w.kind().equals("Deployment")) {
                assertFalse(selects(selector, w.podLabels()), "the budget must not cover " + w.id() + ": Job pods "
                        + "are not a scalable controller's and make eviction fail");
            }
        }
        int allowed = pdb.has("maxUnavailable") ? pdb.path("maxUnavailable").asInt()
                : replicas - pdb.path("minAvailable").asInt();
        assertTrue(allowed >= 1, "with " + replicas + " replica(s) the budget " + pdb + " would block every drain");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void jwtPublicKeyLocationIsTheFileMountedFromItsSecret(String overlay) {
        Workload server = Manifests.render("overlays/" + overlay).workload("Deployment", APP);
        JsonNode c = server.app();
        String location = literalEnv(c).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertTrue(location != null && location.startsWith("/"), "MP_JWT_VERIFY_PUBLICKEY_LOCATION is a file path");
        JsonNode mount = null;
        for (JsonNode m : c.path("volumeMounts")) {
            if (location.startsWith(m.path("mountPath").asText() + "/")) {
                mount = m;
            }
        }
        assertTrue(mount != null, location + " is under no volume mount");
        JsonNode secret = volume(server, mount.path("name").asText()).path("secret");
        assertEquals("kfm-projection-jwt", secret.path("secretName").asText());
        assertFalse(secret.path("optional").asBoolean(false), "the service must not start without its key");
        String file = location.substring(mount.path("mountPath").asText().length() + 1);
        boolean mapped = false;
        for (JsonNode item : secret.path("items")) {
            mapped |= item.path("path").asText().equals(file) && item.path("key").asText().equals("public-key.pem");
        }
        assertTrue(mapped, "Secret key public-key.pem is mounted as " + file);
    }

    @Test
    void devRunsOneSmallReplicaAndProdTwoOrMoreFromADigest() {
        Manifests dev = Manifests.render("overlays/dev");
        Manifests prod = Manifests.render("overlays/prod");
        assertEquals(1, dev.get("Deployment", APP).path("spec").path("replicas").asInt());
        assertTrue(prod.get("Deployment", APP).path("spec").path("replicas").asInt() >= 2, "prod replicas");
        long devMemory = Quantity.bytes(dev.workload("Deployment", APP).app().path("resources").path("limits")
                .path("memory").asText());
        long prodMemory = Quantity.bytes(prod.workload("Deployment", APP).app().path("resources").path("limits")
                .path("memory").asText());
        assertTrue(devMemory < prodMemory, "dev is smaller than prod");
        for (Workload w : prod.workloads()) {
            assertTrue(w.app().path("image").asText().matches("[^@\\s]+/[^@\\s]+@sha256:[0-9a-f]{64}"), w.id()
                    + " image must be pinned by digest in prod: " + w.app().path("image").asText());
        }
        for (Workload w : dev.workloads()) {
            String image = w.app().path("image").asText();
            assertTrue(image.contains(":") && !image.endsWith(":latest"), w.id() + " image needs a tag: " + image);
        }
        assertNotEquals(dev.get("CronJob", APP + "-rebuild").path("spec").path("schedule"),
                prod.get("CronJob", APP + "-rebuild").path("spec").path("schedule"), "dev rebuilds more often");
    }

    @Test
    void smokeJobRunsSmokeOnceWithTheSameImageConfigAndSecurityAsTheService() {
        Workload smoke = Manifests.render("jobs/migration-smoke").workload("Job", APP + "-migration-smoke");
        Workload base = Manifests.render("base").workload("Deployment", APP);
        JsonNode c = smoke.app();
        assertEquals(List.of("smoke"), Manifests.texts(c.path("args")));
        assertEquals(base.app().path("image"), c.path("image"), "the image name the overlays rewrite");
        assertEquals(envFrom(base.app()), envFrom(c));
        assertEquals(base.podSpec().path("securityContext"), smoke.podSpec().path("securityContext"));
        assertEquals(base.app().path("securityContext"), c.path("securityContext"));
        assertEquals("Never", smoke.podSpec().path("restartPolicy").asText());
        assertEquals(0, smoke.resource().path("spec").path("backoffLimit").asInt(-1), "smoke is deterministic");
        assertTrue(smoke.resource().path("spec").path("activeDeadlineSeconds").asInt() > 0, "bounded");
        assertEquals("job/kfm-projection-migration-smoke", literalEnv(c).get("KFM_TRIGGERED_BY"));
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }

    private static JsonNode mount(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (path.equals(m.path("mountPath").asText())) {
                return m;
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " mounts nothing at " + path);
    }

    private static JsonNode volume(Workload w, String name) {
        for (JsonNode v : w.podSpec().path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        throw new AssertionError(w.id() + " has no volume " + name);
    }

    static List<String> envFrom(JsonNode container) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : container.path("envFrom")) {
            e.fields().forEachRemaining(f -> {
                if (f.getValue().has("name")) {
                    out.add(f.getKey() + ":" + f.getValue().path("name").asText());
                }
            });
        }
        return out;
    }

    /** Variables set from a Secret: NAME -> secret/key (optional). */
    static Map<String, String> secretEnv(JsonNode container) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode e : container.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (!ref.isMissingNode()) {
                out.put(e.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText()
                        + (ref.path("optional").asBoolean(false) ? " (optional)" : ""));
            }
        }
        return out;
    }

    /** Variables with a literal value. */
    static Map<String, String> literalEnv(JsonNode container) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode e : container.path("env")) {
            if (e.has("value")) {
                out.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        return out;
    }
}
