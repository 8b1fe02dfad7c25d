package org.kfm.projection.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/local-images takes its Debian mirror and sources from the machine's apt configuration (one-line
 * and deb822 files, only the bookworm suites, disabled entries left out), never from the repository,
 * and its image tags follow its recipes. No engine needed.
 */
class LocalImagesTest {
    private static final Path SCRIPT = Manifests.REPO.resolve("bin/local-images");

    @TempDir
    Path apt;

    @Test
    void readsTheBookwormSuitesFromOneLineAndDeb822Sources() throws IOException {
        write("sources.list", """
                # a comment
                deb [arch=amd64] http://apt.example.invalid/debian bookworm main contrib
                deb-src http://apt.example.invalid/debian bookworm main
                deb http://apt.example.invalid/other nodistro main
                """);
        write("sources.list.d/debian.sources", """
                Types: deb
                # http://snapshot.example.invalid/archive/debian/20250520T000000Z
                URIs: http://apt.example.invalid/debian
                Suites: bookworm-updates
                Components: main

                Types: deb deb-src
                URIs: http://security.example.invalid/debian-security
                Suites: bookworm-security
                Components: main
                Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

                Types: deb
                URIs: http://apt.example.invalid/disabled
                Suites: bookworm-backports
                Components: main
                Enabled: no
                """);
        write("sources.list.d/vendor.sources", """
                Types: deb
                URIs: https://vendor.example.invalid/apt
                Suites: cloud-sdk-bookworm
                Components: main
                """);
        write("sources.list.d/old.list.disabled", "deb http://apt.example.invalid/never bookworm main\n");

        assertEquals(List.of("deb http://apt.example.invalid/debian bookworm main contrib",
                "deb http://apt.example.invalid/debian bookworm-updates main",
                "deb http://security.example.invalid/debian-security bookworm-security main"), lines("sources"));
        assertEquals(List.of("http://apt.example.invalid/debian"), lines("mirror"));
    }

    @Test
    void tagsChangeWithTheSourcesAndHashTheRecipes() throws IOException {
        write("sources.list", "deb http://apt.example.invalid/debian bookworm main\n");
        List<String> tags = lines("tags");
        assertEquals(3, tags.size(), tags.toString());
        assertTrue(tags.get(0).matches("kfm-local/debian:bookworm-[0-9a-f]{12}"), tags.toString());
        assertTrue(tags.get(1).matches("kfm-local/postgis:15-3-[0-9a-f]{12}"), tags.toString());
        assertTrue(tags.get(2).matches("kfm-local/jre:17-[0-9a-f]{12}"), tags.toString());
        assertEquals(tags, lines("tags"), "the same recipe gives the same tags");

        write("sources.list", "deb http://apt2.example.invalid/debian bookworm main\n");
        List<String> moved = lines("tags");
        for (int i = 0; i < 3; i++) {
            assertNotEquals(tags.get(i), moved.get(i), "another mirror is another base, so every image is rebuilt");
        }
    }

    @Test
    void withoutABookwormSourceTheBaseCannotBeBuiltAndSaysWhy() throws IOException {
        write("sources.list", "deb http://apt.example.invalid/debian trixie main\n");
        assertEquals(List.of(), lines("mirror"));
    }

    @Test
    void noMirrorOrRegistryHostIsWrittenDown() throws IOException {
        Pattern host = Pattern.compile("(?i)\\b(deb\\.debian\\.org|ftp\\.[a-z]{2}\\.debian\\.org|snapshot\\.debian\\.org"
                + "|security\\.debian\\.org|registry-1\\.docker\\.io|docker\\.io/library)\\b");
        List<String> found = new ArrayList<>();
        for (String dir : List.of("bin", "src/main/docker", ".ci")) {
            try (Stream<Path> s = Files.walk(Manifests.REPO.resolve(dir))) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    if (host.matcher(Files.readString(p, StandardCharsets.UTF_8)).find()) {
                        found.add(Manifests.REPO.relativize(p).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "the mirror comes from the machine's apt sources, images from local builds");
    }

    private void write(String name, String text) throws IOException {
        Path p = apt.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private List<String> lines(String command) {
        Processes.Result r = Processes.run(List.of("env", "KFM_APT_ETC=" + apt, SCRIPT.toString(), command));
        assertEquals(0, r.exit(), () -> "bin/local-images " + command + ":\n" + r.err());
        return r.out().lines().filter(l -> !l.isBlank()).toList();
    }
}
