package org.kfm.projection.cli;

import java.io.Console;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import org.kfm.projection.run.Phase;
import org.kfm.projection.run.RunObserver;

/**
 * Progress for a CLI run on stderr: a redrawn bar on a terminal, a log line every few seconds
 * otherwise (CI logs, CronJobs), with counts, rate and ETA.
 */
final class ConsoleProgress implements RunObserver {
    private static final long LINE_INTERVAL_MS = 5_000;
    private static final long BAR_INTERVAL_MS = 200;

    private final PrintStream err;
    private final boolean terminal;
    private final Clock clock;
    private long lastPrint;
    private boolean barOpen;
    private volatile java.util.UUID runId;

    ConsoleProgress(PrintStream err, Console console, Clock clock) {
        this.err = err;
        this.terminal = console != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
        this.clock = clock;
    }

    @Override
    public void started(java.util.UUID id) {
        this.runId = id;
    }

    /** The run's id once it is recorded; null before. */
    java.util.UUID runId() {
        return runId;
    }

    /** Phases are already in the log (stderr); only a bar in progress needs ending. */
    @Override
    public synchronized void phase(Phase phase, String message) {
        closeBar();
        lastPrint = 0;
    }

    @Override
    public synchronized void progress(Phase phase, long done, long total, String unit, double rate) {
        long now = clock.millis();
        boolean finished = total > 0 && done >= total;
        if (!finished && now - lastPrint < (terminal ? BAR_INTERVAL_MS : LINE_INTERVAL_MS)) {
            return;
        }
        lastPrint = now;
        String line = describe(phase, done, total, unit, rate);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            barOpen = true;
        } else {
            err.println(line);
        }
    }

    static String describe(Phase phase, long done, long total, String unit, double rate) {
        StringBuilder sb = new StringBuilder("  ").append(phase.name().toLowerCase(Locale.ROOT)).append(' ');
        if (total > 0) {
            int pct = (int) Math.min(100, done * 100 / total);
            int filled = pct / 5;
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(20 - filled)).append("] ")
                    .append(pct).append("% ");
        }
        sb.append(String.format(Locale.ROOT, "%,d", done));
        if (total > 0) {
            sb.append(String.format(Locale.ROOT, "/%,d", total));
        }
        sb.append(' ').append(unit);
        if (rate > 0) {
            sb.append(String.format(Locale.ROOT, ", %,.0f %s/s", rate, unit));
            if (total > done) {
                sb.append(String.format(Locale.ROOT, ", ETA %ds", Math.round((total - done) / rate)));
            }
        }
        return sb.toString();
    }

    synchronized void closeBar() {
        if (barOpen) {
            err.println();
            barOpen = false;
        }
    }
}
