package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kfm.projection.k8s.Manifests.Workload;

/**
 * Ingress only from the API gateway's namespace to port 8080; egress only to DNS, the database and
 * object storage, on the ports the configuration actually uses.
 */
class NetworkPolicyTest {
    private static final Map<String, String> GATEWAY = Map.of("kubernetes.io/metadata.name", "api-gateway");

    static List<String> overlays() {
        return WorkloadManifestTest.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void appliesToEveryKfmProjectionPodBothWays(String overlay) {
        Manifests m = Manifests.render("overlays/" + overlay);
        JsonNode spec = m.only("NetworkPolicy").path("spec");
        assertEquals(List.of("Ingress", "Egress"), Manifests.texts(spec.path("policyTypes")));
        Map<String, String> selector = Manifests.map(spec.path("podSelector").path("matchLabels"));
        for (Workload w : m.workloads()) {
            assertTrue(WorkloadManifestTest.selects(selector, w.podLabels()), w.id() + " pods are not covered");
        }
        for (Workload w : Manifests.render("jobs/migration-smoke").workloads()) {
            assertTrue(WorkloadManifestTest.selects(selector, w.podLabels()), w.id() + " pods are not covered");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void ingressOnlyFromTheGatewayNamespaceToPort8080(String overlay) {
        JsonNode ingress = Manifests.render("overlays/" + overlay).only("NetworkPolicy").path("spec").path("ingress");
        assertTrue(ingress.size() > 0, "no ingress rule: the gateway could not reach the service");
        boolean gateway = false;
        for (JsonNode rule : ingress) {
            assertEquals(Set.of(WorkloadManifestTest.HTTP_PORT + "/TCP"), ports(rule), "ingress " + rule);
            assertTrue(rule.path("from").size() > 0, "an ingress rule without 'from' admits everyone: " + rule);
            for (JsonNode peer : rule.path("from")) {
                assertFalse(peer.has("ipBlock"), "ingress by address: " + peer);
                JsonNode ns = peer.path("namespaceSelector");
                if (!ns.isMissingNode()) {
                    Map<String, String> labels = Manifests.map(ns.path("matchLabels"));
                    assertFalse(labels.isEmpty(), "an empty namespaceSelector admits every namespace: " + peer);
                    gateway |= labels.equals(GATEWAY) && !peer.has("podSelector");
                } else {
                    assertTrue(peer.has("podSelector"), peer.toString());
                    assertFalse(overlay.equals("prod"), "prod admits the gateway only, not " + peer);
                }
            }
        }
        assertTrue(gateway, "no rule admits the api-gateway namespace");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void egressOnlyToDnsTheDatabaseAndObjectStorage(String overlay) {
        Manifests m = Manifests.render("overlays/" + overlay);
        Map<String, String> config = Manifests.map(m.get("ConfigMap", "kfm-projection-config").path("data"));
        String dbPort = databasePort(config.get("QUARKUS_DATASOURCE_JDBC_URL")) + "/TCP";
        String storePort = storePort(config.getOrDefault("KFM_S3_ENDPOINT", "")) + "/TCP";
        Set<String> allowed = new TreeSet<>(List.of("53/UDP", "53/TCP", dbPort, storePort, "443/TCP"));
        Set<String> open = new TreeSet<>();
        for (JsonNode rule : m.only("NetworkPolicy").path("spec").path("egress")) {
            Set<String> ports = ports(rule);
            assertFalse(ports.isEmpty(), "an egress rule without ports opens every port: " + rule);
            assertTrue(rule.path("to").size() > 0, "an egress rule without 'to' reaches everything: " + rule);
            assertTrue(allowed.containsAll(ports), "egress " + ports + " is more than DNS, database and store "
                    + allowed);
            if (ports.contains("53/UDP") || ports.contains("53/TCP")) {
                assertEquals(Set.of("53/UDP", "53/TCP"), ports, "DNS rule " + rule);
                for (JsonNode peer : rule.path("to")) {
                    assertEquals(Map.of("k8s-app", "kube-dns"), Manifests.map(peer.path("podSelector")
                            .path("matchLabels")), "DNS goes to the cluster resolver only");
                    assertEquals(Map.of("kubernetes.io/metadata.name", "kube-system"), Manifests.map(peer
                            .path("namespaceSelector").path("matchLabels")));
                }
            }
            for (JsonNode peer : rule.path("to")) {
                JsonNode block = peer.path("ipBlock");
                if (block.path("cidr").asText().equals("0.0.0.0/0")) {
                    assertEquals(Set.of("443/TCP"), ports, "only HTTPS may go anywhere: " + rule);
                    assertTrue(Manifests.texts(block.path("except")).contains("169.254.169.254/32"),
                            "the instance metadata endpoint stays closed: " + rule);
                }
            }
            open.addAll(ports);
        }
        assertTrue(open.containsAll(Set.of("53/UDP", "53/TCP", dbPort, storePort)), "egress " + open
                + " must reach DNS, the database (" + dbPort + ") and the store (" + storePort + ")");
    }

    @Test
    void prodDatabaseRangeIsTheOverlaysOwnNotTheBasePlaceholder() {
        String base = Manifests.render("base").only("NetworkPolicy").toString();
        String prod = Manifests.render("overlays/prod").only("NetworkPolicy").toString();
        assertTrue(base.contains("192.0.2.0/24"), "the base's placeholder (TEST-NET-1)");
        assertFalse(prod.contains("192.0.2.0/24"), "prod names its database range in its own patch");
    }

    private static Set<String> ports(JsonNode rule) {
        Set<String> out = new TreeSet<>();
        for (JsonNode p : rule.path("ports")) {
            assertTrue(p.path("port").isInt(), "numeric ports keep the policy readable: " + p);
            out.add(p.path("port").asInt() + "/" + p.path("protocol").asText("TCP"));
        }
        return out;
    }

    static int databasePort(String jdbcUrl) {
        URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
        return u.getPort() > 0 ? u.getPort() : 5432;
    }

    static int storePort(String endpoint) {
        if (endpoint.isEmpty()) {
            return 443;
        }
        URI u = URI.create(endpoint);
        return u.getPort() > 0 ? u.getPort() : "http".equals(u.getScheme()) ? 80 : 443;
    }
}
