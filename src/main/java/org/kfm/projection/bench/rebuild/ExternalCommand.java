package org.kfm.projection.bench.rebuild;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * Runs one external program (psql, ogr2ogr, a child JVM) to its end and says how long it took and,
 * on Linux, its peak resident memory: {@code VmHWM} of {@code /proc/<pid>/status}, a high-water
 * mark, polled every 50 ms while the process lives (growth in its last 50 ms can be missed).
 */
public final class ExternalCommand {
    private static final Duration POLL = Duration.ofMillis(50);

    /** How a finished program went. */
    public record Finished(List<String> command, int exitCode, Duration wall, OptionalLong peakRssBytes,
            String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Throws unless the program exited with 0, naming it and quoting its error output. */
        public Finished requireSuccess() {
            if (!ok()) {
                throw new KfmException(ErrorCode.FAILED, "bench-tool-failed", command.get(0) + " exited with "
                        + exitCode + ": " + tail(stderr.isBlank() ? stdout : stderr) + "\ncommand: "
                        + String.join(" ", command));
            }
            return this;
        }
    }

    private ExternalCommand() {
    }

    /** Whether {@code program} is found on the PATH (or is an executable path). */
    public static boolean available(String program) {
        if (program.contains("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code command} with {@code env} added to this process's environment.
     *
     * @throws KfmException rule {@code bench-tool-failed} when it cannot start or outlives {@code timeout}
     */
    public static Finished run(List<String> command, Map<String, String> env, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new KfmException(ErrorCode.FAILED, "bench-tool-failed", "cannot start " + command.get(0) + ": "
                    + e.getMessage(), e);
        }
        closeQuietly(p);
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = -1;
        try {
            while (!p.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, highWaterMark(status));
                if (System.nanoTime() - t0 > timeout.toNanos()) {
                    p.destroyForcibly();
                    throw new KfmException(ErrorCode.FAILED, "bench-tool-failed", command.get(0) + " did not finish "
                            + "within " + timeout.toSeconds() + " s; stopped it");
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KfmException(ErrorCode.FAILED, "cancelled", "interrupted while " + command.get(0) + " ran", e);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - t0);
        return new Finished(List.copyOf(command), p.exitValue(), wall,
                peak > 0 ? OptionalLong.of(peak) : OptionalLong.empty(), out.join(), err.join());
    }

    /** Nothing is sent on standard input: close it so a program reading it sees the end at once. */
    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // the program may already have exited; nothing was to be sent anyway
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** VmHWM in bytes, or -1 when the file is gone (the process ended) or not Linux. */
    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String tail(String text) {
        String t = text.strip();
        return t.length() <= 2000 ? t : "..." + t.substring(t.length() - 2000);
    }
}
