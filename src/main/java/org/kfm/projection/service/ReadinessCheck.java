package org.kfm.projection.service;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.kfm.projection.run.ServiceHealth;

/**
 * {@code /q/health/ready}: this instance can serve its API: the database answers and the ops schema
 * has every packaged ops migration. UP on a fresh installation with no generation yet, so the
 * Service routes to the pod and an operator can start the first rebuild; whether a live generation
 * exists is the {@code projection} group's question ({@link ProjectionHealthCheck}).
 */
@Readiness
@Singleton
public class ReadinessCheck implements HealthCheck {
    private final ServiceHealth health;

    @Inject
    public ReadinessCheck(ServiceHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthChecks.response("kfm-projection", health.ready());
    }
}
