package org.kfm.projection.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every log line written while open, as formatted text (message and any throwable), captured from
 * the root logger: slf4j and JBoss Logging both end in the JBoss LogManager, which the test JVMs
 * install as the {@code java.util.logging} manager (pom.xml), and in Quarkus tests in the same JVM.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private CapturedLogs() {
        setLevel(Level.ALL);
    }

    public static CapturedLogs start() {
        CapturedLogs c = new CapturedLogs();
        Logger.getLogger("").addHandler(c);
        return c;
    }

    @Override
    public void publish(LogRecord r) {
        String message = r instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                : formatter.formatMessage(r);
        lines.add(r.getLoggerName() + " " + r.getLevel() + " " + message
                + (r.getThrown() == null ? "" : " " + r.getThrown()));
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
