package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kfm.projection.k8s.ContainerFixture.Exit;

/**
 * The image's commands as the CronJob and the smoke Job run them (user 185, read-only root, tmpfs
 * /tmp, their env, Secrets, args and memory limits): rebuild exits 0 with a new generation (started from the
 * image's class-data archive, which the JVM must map), then exits 0
 * as SKIPPED; a broken catalog exits 5 (docs/deployment.md's exit table, "bad input"); the smoke
 * exits 0. Under the smoke Job's 512Mi limit the heap is MaxRAMPercentage=75 of it, and a
 * MaxRAMPercentage in JAVA_TOOL_OPTIONS does not override the entrypoint's (docs/deployment.md).
 */
class JobsContainerIT {
    private static final Pattern FLAG = Pattern.compile("(?m)^\\s*\\S+\\s+(\\S+)\\s+=\\s+(\\S+)");
    private ContainerFixture fx;

    @BeforeEach
    void setUp() {
        fx = new ContainerFixture();
    }

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void cronJobRebuildsThenSkipsAndABrokenCatalogExitsFive() throws IOException {
        // -Xshare:on: the JVM refuses to start unless it maps the image's class-data archive (user 185, read-only root)
        Exit first = ContainerFixture.runToEnd(fx.container(fx.dev, "CronJob", "kfm-projection-rebuild")
                .withEnv("JAVA_TOOL_OPTIONS", "-Xshare:on"));
        assertEquals(0, first.code(), first::toString);
        assertTrue(first.stderr().contains("Picked up JAVA_TOOL_OPTIONS: -Xshare:on"), first::toString);
        assertEquals("1", fx.liveGeneration(), first::toString);
        assertEquals("SUCCEEDED", lastOutcome(), first::toString);

        Exit second = ContainerFixture.runToEnd(fx.container(fx.dev, "CronJob", "kfm-projection-rebuild"));
        assertEquals(0, second.code(), second::toString);
        assertEquals("SKIPPED", lastOutcome(), second::toString);
        assertEquals("1", fx.liveGeneration(), second::toString);
        assertEquals("2", fx.queryOne("SELECT count(*) FROM kfm_ops.rebuild_run WHERE kind = 'rebuild' AND triggered_by"
                + " = 'cronjob/kfm-projection-rebuild'"), "both runs recorded with the CronJob's KFM_TRIGGERED_BY");

        Path catalog = fx.catalog.resolve("catalog.json");
        String text = Files.readString(catalog, StandardCharsets.UTF_8);
        Files.writeString(catalog, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        Exit broken = ContainerFixture.runToEnd(fx.container(fx.dev, "CronJob", "kfm-projection-rebuild"));
        assertEquals(5, broken.code(), broken::toString);
        assertTrue(broken.stderr().contains("catalog.json"), broken::toString);
        assertEquals("1", fx.liveGeneration(), "live untouched");
    }

    @Test
    void smokeJobPassesWithTheHeapTheDocsPromise() {
        Manifests smoke = Manifests.render("jobs/migration-smoke");
        var c = fx.container(smoke, "Job", "kfm-projection-migration-smoke")
                .withEnv("JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal -XX:MaxRAMPercentage=50");
        Exit r = ContainerFixture.runToEnd(c);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.stdout().contains("smoke passed"), r::toString);
        assertTrue(r.stderr().contains("Picked up JAVA_TOOL_OPTIONS"), r::toString);

        long limit = Quantity.bytes(smoke.workload("Job", "kfm-projection-migration-smoke").app().path("resources")
                .path("limits").path("memory").asText());
        assertEquals(512L << 20, limit, "the smoke Job's memory limit");
        assertEquals("75.000000", flag(r.stdout(), "MaxRAMPercentage"), "the entrypoint's flag wins over "
                + "JAVA_TOOL_OPTIONS");
        assertEquals("true", flag(r.stdout(), "ExitOnOutOfMemoryError"));
        long heap = Long.parseLong(flag(r.stdout(), "MaxHeapSize"));
        assertTrue(Math.abs(heap - limit * 3 / 4) <= limit / 50, "MaxHeapSize " + heap + " is not 75% of the "
                + limit + " byte limit");
    }

    private String lastOutcome() {
        return fx.queryOne("SELECT outcome FROM kfm_ops.rebuild_run WHERE kind = 'rebuild' ORDER BY started_at DESC "
                + "LIMIT 1");
    }

    /** A value of -XX:+PrintFlagsFinal's table ("type name = value {origin}"). */
    private static String flag(String out, String name) {
        Matcher m = FLAG.matcher(out);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no " + name + " in -XX:+PrintFlagsFinal's output:\n" + out);
    }
}
