package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Capability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kfm.projection.k8s.Manifests.Workload;
import org.kfm.projection.testing.TestPostgis;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A container of the image under test, set up the way a rendered workload's pod spec says: the app
 * container's {@code args} (never {@code command}), its environment from {@code envFrom} ConfigMaps and
 * {@code env} (values and Secret references), user and group from the security context, a read-only
 * root file system, all capabilities dropped, no privilege escalation, {@code emptyDir} volumes as tmpfs,
 * Secret volumes as read-only bind mounts, and the memory limit. A manifest that names a variable,
 * Secret key or argument the application does not know therefore fails the test that runs it.
 *
 * <p>The test supplies what a cluster would: values for the Secret keys ({@code secrets}, keyed
 * {@code name/key}; a key left out is absent, which only an {@code optional} reference tolerates), the
 * files of Secret volumes ({@code secretDirs}), and environment-specific ConfigMap values
 * ({@code overrides}; each must be a key the ConfigMap sets). Extra bind mounts ({@code binds}) stand in
 * for what lives outside the cluster, e.g. the catalog in the artifact store.
 */
record PodContainer(Manifests rendered, Workload workload, Map<String, String> overrides,
        Map<String, String> secrets, Map<String, Path> secretDirs, Map<Path, String> binds) {

    /** The container, not started, on the test PostGIS server's network. */
    GenericContainer<?> create(String image, TestPostgis pg) {
        JsonNode app = workload.app();
        assertTrue(app.path("command").isMissingNode(), workload.id() + " sets command: the image's entrypoint "
                + "(java ... -jar) must stay, set args only");
        List<String> args = Manifests.texts(app.path("args"));
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(image))
                .withImagePullPolicy(TestPostgis.neverPull(image))
                .withLabels(TestPostgis.ContainerLabels.of(workload.id()))
                .withNetwork(pg.network())
                .withEnv(environment(app))
                .withCommand(args.toArray(String[]::new));
        for (JsonNode p : app.path("ports")) {
            c.addExposedPort(p.path("containerPort").asInt());
        }
        Map<String, String> tmpfs = new HashMap<>();
        for (JsonNode m : app.path("volumeMounts")) {
            JsonNode volume = volume(m.path("name").asText());
            String path = m.path("mountPath").asText();
            if (volume.has("emptyDir")) {
                String size = volume.path("emptyDir").path("sizeLimit").asText("");
                tmpfs.put(path, "rw,mode=1777" + (size.isEmpty() ? "" : ",size=" + Quantity.bytes(size)));
            } else if (volume.has("secret")) {
                String secret = volume.path("secret").path("secretName").asText();
                Path dir = secretDirs.get(secret);
                assertTrue(dir != null, workload.id() + " mounts Secret " + secret + " at " + path
                        + ", and the test supplies no files for it");
                c.withFileSystemBind(dir.toString(), path, BindMode.READ_ONLY);
            } else {
                throw new AssertionError(workload.id() + ": volume " + volume + " has a kind the container tests do "
                        + "not know how to provide; add it to PodContainer");
            }
        }
        binds.forEach((host, path) -> c.withFileSystemBind(host.toString(), path, BindMode.READ_WRITE));
        JsonNode sc = app.path("securityContext");
        JsonNode podSc = workload.podSpec().path("securityContext");
        String user = sc.path("runAsUser").asText(podSc.path("runAsUser").asText(""));
        String group = sc.path("runAsGroup").asText(podSc.path("runAsGroup").asText(""));
        assertTrue(!user.isEmpty(), workload.id() + " names no runAsUser");
        long memory = Quantity.bytes(app.path("resources").path("limits").path("memory").asText("0"));
        boolean readOnly = sc.path("readOnlyRootFilesystem").asBoolean(false);
        boolean dropAll = Manifests.texts(sc.path("capabilities").path("drop")).contains("ALL");
        boolean noEscalation = !sc.path("allowPrivilegeEscalation").asBoolean(true);
        c.withCreateContainerCmdModifier(cmd -> {
            cmd.withUser(group.isEmpty() ? user : user + ":" + group);
            var host = cmd.getHostConfig();
            host.withReadonlyRootfs(readOnly).withTmpFs(tmpfs);
            if (dropAll) {
                host.withCapDrop(Capability.ALL);
            }
            if (noEscalation) {
                host.withSecurityOpts(List.of("no-new-privileges"));
            }
            if (memory > 0) {
                host.withMemory(memory).withMemorySwap(memory);
            }
        });
        return c.withStartupTimeout(Duration.ofMinutes(3));
    }

    /** envFrom ConfigMaps (with the overrides), then env, as Kubernetes orders them. */
    Map<String, String> environment(JsonNode app) {
        Map<String, String> env = new LinkedHashMap<>();
        List<String> unused = new ArrayList<>(overrides.keySet());
        for (JsonNode from : app.path("envFrom")) {
            assertTrue(from.has("configMapRef"), workload.id() + ": envFrom " + from + " is not a ConfigMap");
            String name = from.path("configMapRef").path("name").asText();
            Map<String, String> data = Manifests.map(rendered.get("ConfigMap", name).path("data"));
            data.forEach((k, v) -> env.put(k, overrides.getOrDefault(k, v)));
            unused.removeAll(data.keySet());
        }
        assertTrue(unused.isEmpty(), workload.id() + ": the test replaces " + unused + ", which its ConfigMaps do not "
                + "set (renamed?)");
        for (JsonNode e : app.path("env")) {
            String name = e.path("name").asText();
            if (e.has("value")) {
                env.put(name, e.path("value").asText());
                continue;
            }
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            assertTrue(!ref.isMissingNode(), workload.id() + ": env " + name + " takes its value from " + e.path(
                    "valueFrom") + ", which the container tests do not provide");
            String value = secrets.get(ref.path("name").asText() + "/" + ref.path("key").asText());
            if (value != null) {
                env.put(name, value);
            } else {
                assertTrue(ref.path("optional").asBoolean(false), workload.id() + ": env " + name + " needs Secret "
                        + ref.path("name").asText() + " key " + ref.path("key").asText() + ", which the test does not "
                        + "supply");
            }
        }
        return env;
    }

    private JsonNode volume(String name) {
        for (JsonNode v : workload.podSpec().path("volumes")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        throw new AssertionError(workload.id() + " mounts volume " + name + ", which the pod does not declare");
    }
}
