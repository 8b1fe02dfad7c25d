package org.kfm.projection.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.history.Generation;

/**
 * What the service's health checks ask, in two separate questions. Readiness: can this instance
 * serve its API (the database answers, the ops schema is current)? It is true on a fresh install
 * with no generation, so an operator can reach the API to start the first rebuild. Projection: is
 * there a live generation, and how old is it? That is for alerting, not for routing traffic.
 * Each answer is a few indexed reads; neither runs a migration.
 */
public final class ServiceHealth {
    private final RebuildServices services;
    private volatile String latestOpsVersion;

    public ServiceHealth(RebuildServices services) {
        this.services = services;
    }

    /** One check's answer and the data it shows. */
    public record Check(boolean up, Map<String, Object> data) {
        public Check {
            data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }
    }

    /** UP when the database answers and the ops schema has every packaged ops migration. */
    public Check ready() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("projection", services.settings().projection().name());
        try (Connection c = services.dataSource().getConnection()) {
            if (!c.isValid(2)) {
                data.put("database", "not answering");
                return new Check(false, data);
            }
        } catch (SQLException | RuntimeException e) {
            data.put("database", "unreachable: " + e.getMessage());
            return new Check(false, data);
        }
        data.put("database", "ok");
        try {
            String latest = latestOpsVersion();
            Optional<String> ops = services.ops().opsSchemaVersion();
            data.put("opsSchemaVersion", ops.orElse("none"));
            data.put("opsSchemaExpected", latest);
            return new Check(ops.isPresent() && DatabaseBootstrap.opsSchemaCurrent(ops.get(), latest), data);
        } catch (RuntimeException e) {
            data.put("error", e.getMessage());
            return new Check(false, data);
        }
    }

    /** UP when the projection has a live generation; its number and age are in the data. */
    public Check projection() {
        Map<String, Object> data = new LinkedHashMap<>();
        String projection = services.settings().projection().name();
        data.put("projection", projection);
        try {
            Optional<Generation> live = services.generations().live(projection);
            if (live.isEmpty()) {
                data.put("liveGeneration", "none yet: run a first rebuild");
                return new Check(false, data);
            }
            data.put("liveGeneration", live.get().number());
            data.put("swappedInAt", live.get().swappedInAt().toString());
            data.put("ageSeconds", Duration.between(live.get().swappedInAt(), services.clock().instant())
                    .toSeconds());
            return new Check(true, data);
        } catch (RuntimeException e) {
            data.put("error", e.getMessage());
            return new Check(false, data);
        }
    }

    private String latestOpsVersion() {
        String v = latestOpsVersion;
        if (v == null) {
            v = services.bootstrap().latestOpsVersion();
            latestOpsVersion = v;
        }
        return v;
    }
}
