package org.kfm.projection.webhook;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.util.Optional;
import org.kfm.projection.settings.ServiceSettings;
import org.kfm.projection.ops.DeliveryStore;
import org.kfm.projection.run.SwapListener;

/**
 * The webhook dispatcher of this process (service or CLI), made from {@code kfm.webhooks.*}, and
 * its end: at shutdown, after the rebuild service has stopped (a rebuild ending in its grace period
 * may still swap), deliveries in flight get {@code kfm.service.shutdown-grace} to finish; the rest
 * are recorded {@code ABANDONED}.
 */
@Singleton
public class Webhooks {
    private final Optional<WebhookDispatcher> dispatcher;
    private final ServiceSettings settings;

    @Inject
    public Webhooks(ServiceSettings settings, DeliveryStore store, Clock clock) {
        this.settings = settings;
        this.dispatcher = settings.webhooks().isEmpty() ? Optional.empty()
                : Optional.of(new WebhookDispatcher(WebhookSettings.of(settings.webhooks(), settings.webhookTimeout(),
                        settings.webhookAttempts(), settings.webhookBackoff(), settings.webhookSigningKey()), store,
                        clock));
    }

    /** The listener the orchestrator announces swaps to; {@link SwapListener#NONE} without URLs. */
    public SwapListener listener() {
        return dispatcher.<SwapListener>map(d -> d).orElse(SwapListener.NONE);
    }

    /** Only when used: a command that never built the orchestrator has nothing to stop. */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(Interceptor.Priority.APPLICATION + 600)
            ShutdownEvent event) {
        dispatcher.ifPresent(d -> d.shutdown(settings.shutdownGrace()));
    }
}
