package org.kfm.projection.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** A connection of its own that LISTENs on one channel, as a tile server or cache would. */
public final class NotifyListener implements AutoCloseable {
    private final Connection connection;
    private final PGConnection pg;

    public NotifyListener(TestDatabase db, String channel) {
        try {
            this.connection = DriverManager.getConnection(db.jdbcUrl());
            this.pg = connection.unwrap(PGConnection.class);
            try (Statement s = connection.createStatement()) {
                s.execute("LISTEN " + channel);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot LISTEN on " + channel + ": " + e.getMessage(), e);
        }
    }

    /** Payloads that arrive within {@code wait} (waiting the whole time: a late one would be missed). */
    public List<String> receive(Duration wait) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            long left;
            while ((left = (deadline - System.nanoTime()) / 1_000_000) > 0) {
                PGNotification[] got = pg.getNotifications((int) Math.max(1, left));
                if (got != null) {
                    for (PGNotification n : got) {
                        out.add(n.getParameter());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Every payload that arrives until one does and {@code quiet} passes without another, or {@code wait} ends. */
    public List<String> receiveSettled(Duration wait, Duration quiet) {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                long left = out.isEmpty() ? (deadline - System.nanoTime()) / 1_000_000 : quiet.toMillis();
                PGNotification[] got = pg.getNotifications((int) Math.max(1, left));
                if (got == null || got.length == 0) {
                    if (!out.isEmpty()) {
                        break;
                    }
                    continue;
                }
                for (PGNotification n : got) {
                    out.add(n.getParameter());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the test is over
        }
    }
}
