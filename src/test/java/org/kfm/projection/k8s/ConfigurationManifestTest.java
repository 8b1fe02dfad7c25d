package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.config.ConfigValidator;
import org.kfm.projection.config.KfmConfig;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.k8s.Manifests.Workload;

/**
 * The settings the manifests give the application: only names it knows, values its own validation
 * accepts, secrets only by reference, and one scheduler.
 */
class ConfigurationManifestTest {
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|KEY).*");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?s).*(-----BEGIN [A-Z ]*PRIVATE KEY|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|[?&;]password=|://[^/@\\s]+:[^/@\\s]+@).*",
            Pattern.CASE_INSENSITIVE);

    private final KnownSettings known = KnownSettings.load();

    static List<String> overlays() {
        return WorkloadManifestTest.overlays();
    }

    static List<String> renderings() {
        return WorkloadManifestTest.renderings();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everyVariableIsASettingTheApplicationKnows(String dir) {
        Manifests m = Manifests.render(dir);
        List<String> unknown = new ArrayList<>();
        variables(m, (where, name) -> {
            if (!known.isKnown(name)) {
                unknown.add(where + ": " + name);
            }
        });
        assertEquals(List.of(), unknown, "not a known setting (KfmConfig, application.properties or "
                + KnownSettings.LIST + "): a typo, or add the new setting to the list");
        for (Workload w : m.workloads()) {
            for (JsonNode c : w.containers()) {
                assertEquals(List.of("configMapRef:kfm-projection-config"), WorkloadManifestTest.envFrom(c), w.id());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void settingsPassTheApplicationsOwnValidation(String overlay) {
        Manifests m = Manifests.render("overlays/" + overlay);
        Map<String, String> env = environment(m, m.workload("Deployment", WorkloadManifestTest.APP));
        Map<String, String> service = new TreeMap<>(env);
        service.remove("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        Map<String, String> rebuild = environment(m, m.workload("CronJob", "kfm-projection-rebuild"));
        rebuild.remove("KFM_TRIGGERED_BY");
        assertEquals(service, rebuild, "the service and the rebuild see the same settings");
        // SmallRye maps the variables to kfm.* as in the container; ConfigValidator validates as at startup
        Settings settings = assertDoesNotThrow(() -> {
            SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(KfmConfig.class)
                    .withSources(new EnvConfigSource(env, 300)).build();
            return ConfigValidator.validate(config.getConfigMapping(KfmConfig.class),
                    env.getOrDefault("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "16")).core();
        }, "overlays/" + overlay + ": the application would refuse to start with these settings");
        assertEquals("classpath:migrations/postgis", settings.migrationsLocation(), "the image carries the migrations");
        String catalog = settings.catalogUri().orElseThrow(() -> new AssertionError("KFM_CATALOG_URI is not set"));
        assertTrue(catalog.startsWith("s3://"), "a cluster reads the promoted catalog from object storage: " + catalog);

        String jdbc = env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "");
        assertTrue(jdbc.startsWith("jdbc:postgresql://"), "QUARKUS_DATASOURCE_JDBC_URL: " + jdbc);
        assertTrue(org.postgresql.Driver.parseURL(jdbc, null) != null, "pgjdbc cannot parse " + jdbc);

        String region = env.get("AWS_REGION");
        assertEquals(region, env.get("KFM_S3_REGION"), "AWS_REGION (SDK, STS) and KFM_S3_REGION (the store) agree");
        StoreSettings store = new StoreSettings(region, Optional.empty(), false, StoreSettings.DEFAULT_MAX_ATTEMPTS,
                Optional.empty(), Optional.empty());
        Optional.ofNullable(env.get("KFM_S3_ENDPOINT")).filter(s -> !s.isEmpty()).ifPresent(endpoint -> {
            String pathStyle = env.getOrDefault("KFM_S3_PATH_STYLE", "false");
            assertTrue(pathStyle.equals("true") || pathStyle.equals("false"), "KFM_S3_PATH_STYLE: " + pathStyle);
            assertDoesNotThrow(() -> store.withEndpoint(URI.create(endpoint), Boolean.parseBoolean(pathStyle)));
        });
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void noManifestHoldsASecretValue(String dir) {
        Manifests m = Manifests.render(dir);
        assertEquals(List.of(), m.ofKind("Secret").stream().map(Manifests::id).toList(), "no Secret manifests");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : literals(m).entrySet()) {
            String name = e.getKey().substring(e.getKey().lastIndexOf(' ') + 1);
            boolean nonSecret = known.get(name).map(KnownSettings.Setting::nonSecret).orElse(false);
            if (SECRET_NAME.matcher(name).matches() && !nonSecret && !e.getValue().isEmpty()) {
                problems.add(e.getKey() + " has a literal value: use valueFrom.secretKeyRef (or flag it non-secret in "
                        + KnownSettings.LIST + " when it is not one)");
            }
        }
        for (JsonNode d : m.docs()) {
            strings(d, "", (path, value) -> {
                if (SECRET_VALUE.matcher(value).matches()) {
                    problems.add(Manifests.id(d) + " " + path + " looks like a credential");
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyOneOfTheCronJobAndTheServiceSchedulesRebuilds(String overlay) {
        Manifests m = Manifests.render("overlays/" + overlay);
        boolean cronJobActive = !m.get("CronJob", "kfm-projection-rebuild").path("spec").path("suspend")
                .asBoolean(false);
        Map<String, String> literals = literals(m);
        assertTrue(literals.containsKey("ConfigMap/kfm-projection-config KFM_SCHEDULE_CRON"),
                "say it explicitly: KFM_SCHEDULE_CRON is empty, or the service's schedule");
        literals.forEach((where, value) -> {
            if (where.endsWith(" KFM_SCHEDULE_CRON") && cronJobActive) {
                assertEquals("", value, where + ": the service's own schedule must stay off while the "
                        + "kfm-projection-rebuild CronJob runs; suspend the CronJob to use it (run only one of them)");
            }
        });
    }

    /** Freshness is judged against the schedule that rebuilds: the CronJob's, in Quartz form, fires alike. */
    @ParameterizedTest
    @MethodSource("overlays")
    void theFreshnessScheduleFiresWhenTheCronJobDoes(String overlay) {
        Manifests m = Manifests.render("overlays/" + overlay);
        String unix = m.get("CronJob", "kfm-projection-rebuild").path("spec").path("schedule").asText();
        String quartz = literals(m).get("ConfigMap/kfm-projection-config KFM_SCHEDULE_FRESHNESS_CRON");
        assertNotNull(quartz, "KFM_SCHEDULE_FRESHNESS_CRON: the CronJob's schedule for the service's freshness");
        var unixTimes = com.cronutils.model.time.ExecutionTime.forCron(new com.cronutils.parser.CronParser(
                com.cronutils.model.definition.CronDefinitionBuilder.instanceDefinitionFor(
                        com.cronutils.model.CronType.UNIX)).parse(unix));
        var quartzTimes = com.cronutils.model.time.ExecutionTime.forCron(new com.cronutils.parser.CronParser(
                com.cronutils.model.definition.CronDefinitionBuilder.instanceDefinitionFor(
                        com.cronutils.model.CronType.QUARTZ)).parse(quartz));
        java.time.ZonedDateTime u = java.time.ZonedDateTime.parse("2026-01-01T00:00:00Z");
        java.time.ZonedDateTime q = u;
        for (int i = 0; i < 10; i++) {
            u = unixTimes.nextExecution(u).orElseThrow();
            q = quartzTimes.nextExecution(q).orElseThrow();
            assertEquals(u, q, overlay + ": CronJob '" + unix + "' and KFM_SCHEDULE_FRESHNESS_CRON '" + quartz + "'");
        }
    }

    @Test
    void theKnownSettingsIncludeTheReadmeTableAndTheMapping() throws Exception {
        String readme = java.nio.file.Files.readString(Manifests.REPO.resolve("README.md"));
        var row = Pattern.compile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\| `([a-z][a-z0-9.\\-]+)` \\|").matcher(readme);
        int rows = 0;
        while (row.find()) {
            rows++;
            assertTrue(known.isKnown(row.group(1)), "README configuration row " + row.group(1));
            assertEquals(row.group(1), KnownSettings.envName(row.group(2)), "README names " + row.group(2));
        }
        assertTrue(rows >= 10, "found only " + rows + " configuration rows in README.md");
        for (String derived : List.of("KFM_PROJECTION_NAME", "KFM_PROJECTION_SRID", "KFM_OPS_SCHEMA",
                "KFM_EXTENSION_SCHEMA", "KFM_MIGRATIONS_LOCATION", "KFM_CATALOG_URI", "KFM_TRIGGERED_BY",
                "QUARKUS_DATASOURCE_DB_KIND", "QUARKUS_LOG_CATEGORY__ORG_KFM__LEVEL")) {
            assertTrue(known.isKnown(derived), derived);
        }
        assertFalse(known.isKnown("KFM_PROJECTION_PORT"), "what a service link would inject is not a setting");
        assertTrue(known.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").orElseThrow().nonSecret());
        assertFalse(known.get("AWS_SECRET_ACCESS_KEY").orElseThrow().nonSecret());
    }

    /** Each variable a container sees: ConfigMap keys and container env names, with where they are set. */
    static void variables(Manifests m, BiConsumer<String, String> each) {
        m.ofKind("ConfigMap").forEach(cm -> Manifests.map(cm.path("data")).keySet()
                .forEach(k -> each.accept(Manifests.id(cm), k)));
        for (Workload w : m.workloads()) {
            for (JsonNode c : w.containers()) {
                c.path("env").forEach(e -> each.accept(w.id(), e.path("name").asText()));
            }
        }
    }

    /** Literal values: "ConfigMap/x NAME" and "CronJob/y NAME" to value. */
    static Map<String, String> literals(Manifests m) {
        Map<String, String> out = new TreeMap<>();
        m.ofKind("ConfigMap").forEach(cm -> Manifests.map(cm.path("data"))
                .forEach((k, v) -> out.put(Manifests.id(cm) + " " + k, v)));
        for (Workload w : m.workloads()) {
            for (JsonNode c : w.containers()) {
                WorkloadManifestTest.literalEnv(c).forEach((k, v) -> out.put(w.id() + " " + k, v));
            }
        }
        return out;
    }

    /** What the application container of {@code w} sees: the ConfigMap, then its own literal env. */
    static Map<String, String> environment(Manifests m, Workload w) {
        Map<String, String> env = new TreeMap<>(Manifests.map(m.get("ConfigMap", "kfm-projection-config").path("data")));
        env.putAll(WorkloadManifestTest.literalEnv(w.app()));
        return env;
    }

    private static void strings(JsonNode n, String path, BiConsumer<String, String> each) {
        if (n.isTextual()) {
            each.accept(path, n.asText());
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> strings(e.getValue(), path + "/" + e.getKey(), each));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                strings(n.get(i), path + "/" + i, each);
            }
        }
    }
}
