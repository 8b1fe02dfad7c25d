package org.kfm.projection.cli;

import org.kfm.projection.settings.Settings;
import org.kfm.projection.history.Trigger;

/** Who a CLI run is recorded as: kfm.triggered-by (a CronJob sets it), else user@host. */
public final class CliTrigger {
    private CliTrigger() {
    }

    public static Trigger of(Settings settings) {
        String principal = settings.triggeredBy().orElseGet(() -> System.getProperty("user.name", "unknown") + "@"
                + hostname());
        return new Trigger(principal, "cli");
    }

    private static String hostname() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }
}
