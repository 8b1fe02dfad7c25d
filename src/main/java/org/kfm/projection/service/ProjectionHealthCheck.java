package org.kfm.projection.service;

import io.smallrye.health.api.HealthGroup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.kfm.projection.run.ServiceHealth;

/**
 * {@code /q/health/group/projection}: a live generation exists (its number and age are in the
 * data). DOWN until the first rebuild swaps one in; for alerting and dashboards, not for routing
 * (readiness does not include it). The same fact as a metric: {@code kfm_projection_live}.
 */
@HealthGroup(ProjectionHealthCheck.GROUP)
@Singleton
public class ProjectionHealthCheck implements HealthCheck {
    public static final String GROUP = "projection";

    private final ServiceHealth health;

    @Inject
    public ProjectionHealthCheck(ServiceHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthChecks.response("kfm-projection-live", health.projection());
    }
}
