package org.kfm.projection.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.testing.RebuildFixture;
import org.kfm.projection.testing.TestCatalogs;
import org.kfm.projection.testing.TestDatabase;

/**
 * A real disk_full: the shadow's tables are created in a tablespace on a 1 MiB tmpfs, and the
 * COPY of a few MB of features fills it. The run fails with rule disk-full (exit 6) saying it was
 * disk space, and live is untouched. Needs what a CI runner as root with a local server has (mount,
 * chown to the server's OS user, a superuser role); skipped elsewhere, where the mapping is covered
 * by {@code load.DiskFullIsNamedAsDiskSpaceTest}.
 */
class DiskFullDuringCopyLeavesLiveUntouchedIT {
    private static final String TABLESPACE = "kfm_it_full_" + ProcessHandle.current().pid();

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @TempDir
    Path dir;

    @Test
    void aShadowThatFillsItsDiskFailsAsDiskFullAndLiveIsUntouched() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a small tmpfs");
        assumeTrue("true".equals(db.queryOne("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")),
                "needs a superuser role for CREATE TABLESPACE");
        Path dataDir = Path.of(db.queryOne("SHOW data_directory"));
        assumeTrue(Files.isDirectory(dataDir), "the server's data directory is not on this machine");
        // the same path may exist here for another server (one in a container, say): its postmaster.pid
        // must carry this server's start time (line 3, epoch seconds)
        Path pidFile = dataDir.resolve("postmaster.pid");
        assumeTrue(Files.isReadable(pidFile) && Files.readAllLines(pidFile).size() > 2
                && Files.readAllLines(pidFile).get(2).strip().equals(db.queryOne(
                        "SELECT extract(epoch FROM pg_postmaster_start_time())::bigint::text")),
                "the data directory at that path here is not this server's");
        String serverUser = Files.getOwner(dataDir).getName();
        // the server's OS user must reach the mount point through the test's directory
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", mount.toString()) == 0,
                "cannot mount a tmpfs here");
        try {
            assertEquals(0, run("chown", serverUser, mount.toString()));
            Path catalog = TestCatalogs.generate(dir.resolve("catalog"), 20_000, 7, 2);
            try (RebuildFixture free = RebuildFixture.builder(db, "it_disk_full").build()) {
                assertEquals(1L, free.rebuild(TestCatalogs.copySample(dir.resolve("sample"))).generation());
            }
            db.execute("CREATE TABLESPACE " + TABLESPACE + " LOCATION '" + mount + "'");
            try {
                // new sessions create their tables there: the shadow's, not live's or the ops schema's
                db.execute("ALTER DATABASE " + db.name() + " SET default_tablespace = " + TABLESPACE);
                try (RebuildFixture fx = RebuildFixture.builder(db, "it_disk_full").build()) {
                    RebuildFixture.Snapshot before = fx.liveSnapshot();
                    KfmException e = fx.rebuildFails(RebuildFixture.request(catalog));
                    JsonNode run = fx.assertLiveUntouched(e, before, 1L, ErrorCode.INSUFFICIENT_SPACE, "disk-full",
                            true);
                    assertEquals(6, run.at("/receipt/error/exitCode").asInt());
                    String m = e.getMessage();
                    assertTrue(m.startsWith("the database server ran out of disk space: "), m);
                    assertTrue(m.contains("[SQLSTATE 53100]") && m.contains("--prune-before-load"), m);
                    db.execute("DROP SCHEMA " + fx.shadow().quoted() + " CASCADE");
                }
            } finally {
                db.execute("ALTER DATABASE " + db.name() + " RESET default_tablespace");
                db.execute("DROP TABLESPACE IF EXISTS " + TABLESPACE);
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        p.getInputStream().transferTo(System.err);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", c) + " hung");
        return p.exitValue();
    }
}
