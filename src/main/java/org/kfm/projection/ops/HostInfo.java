package org.kfm.projection.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;

final class HostInfo {
    private HostInfo() {
    }

    static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
