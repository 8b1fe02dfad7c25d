package org.kfm.projection.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the packaged application says about itself, read from application.properties. */
final class ApplicationFacts {
    private ApplicationFacts() {
    }

    /** quarkus.http.port, or Quarkus' default 8080. */
    static int httpPort() {
        return Integer.parseInt(properties().getProperty("quarkus.http.port", "8080"));
    }

    /** quarkus.management.port, or Quarkus' default 9000. */
    static int managementPort() {
        return Integer.parseInt(properties().getProperty("quarkus.management.port", "9000"));
    }

    static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = ApplicationFacts.class.getClassLoader().getResourceAsStream("application.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
