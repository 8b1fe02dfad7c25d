package org.kfm.projection.service;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.kfm.projection.run.ServiceHealth;

/** A {@link ServiceHealth.Check} as a MicroProfile health response. */
final class HealthChecks {
    private HealthChecks() {
    }

    static HealthCheckResponse response(String name, ServiceHealth.Check check) {
        HealthCheckResponseBuilder r = HealthCheckResponse.named(name).status(check.up());
        check.data().forEach((k, v) -> {
            if (v instanceof Number n) {
                r.withData(k, n.longValue());
            } else {
                r.withData(k, String.valueOf(v));
            }
        });
        return r.build();
    }
}
