package org.kfm.projection.webhook;

import org.kfm.projection.settings.WebhookTarget;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kfm.projection.history.DeliveryOutcome;

/**
 * One delivery: POSTs the payload to one URL, each call bounded by the timeout (enforced here too,
 * not only by the HTTP client, so a receiver that accepts the connection and never answers costs at
 * most the timeout), retried with doubling backoff until a 2xx answer or the last attempt. Each call
 * is signed afresh (its own timestamp) when a signing key is configured. An interrupt (the process
 * stopping) ends it at once as {@code ABANDONED}. Never throws.
 */
final class WebhookCall {
    /** How a delivery ended; {@code error} never holds the URL's query string or userinfo. */
    record Result(DeliveryOutcome outcome, int attempts, Integer status, String error, Instant startedAt,
            Instant finishedAt) {
    }

    /** Told of each call before it is made. */
    @FunctionalInterface
    interface Attempts {
        void attempt(int number, Instant at);
    }

    private final HttpClient client;
    private final WebhookSettings settings;
    private final Clock clock;

    WebhookCall(HttpClient client, WebhookSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
    }

    Result deliver(WebhookTarget target, UUID runId, byte[] body, Attempts onAttempt) {
        Instant start = clock.instant();
        Integer status = null;
        String error = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            onAttempt.attempt(attempt, clock.instant());
            CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request(target, runId, body, attempt),
                    HttpResponse.BodyHandlers.discarding());
            try {
                HttpResponse<Void> response = call.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Result(DeliveryOutcome.DELIVERED, attempt, status, null, start, clock.instant());
                }
                error = "HTTP " + status;
            } catch (TimeoutException e) {
                call.cancel(true);
                status = null;
                error = "no answer within " + settings.timeout();
            } catch (ExecutionException e) {
                status = null;
                // the client's own timers may fire first: same outcome, same words as ours
                Throwable cause = e.getCause() == null ? e : e.getCause();
                error = cause instanceof HttpConnectTimeoutException ? "no connection within " + settings.timeout()
                        : cause instanceof HttpTimeoutException ? "no answer within " + settings.timeout()
                        : target.redact(describe(cause));
            } catch (InterruptedException e) {
                call.cancel(true);
                return new Result(DeliveryOutcome.ABANDONED, attempt, null, "the process stopped during attempt "
                        + attempt + " (the receiver may or may not have acted on it)", start, clock.instant());
            }
            if (attempt < settings.attempts() && !pause(settings.backoff().multipliedBy(1L << Math.min(attempt - 1,
                    10)))) {
                return new Result(DeliveryOutcome.ABANDONED, attempt, status, error + "; the process stopped before "
                        + "attempt " + (attempt + 1), start, clock.instant());
            }
        }
        return new Result(DeliveryOutcome.FAILED, settings.attempts(), status, error, start, clock.instant());
    }

    private HttpRequest request(WebhookTarget target, UUID runId, byte[] body, int attempt) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.uri()).timeout(settings.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "kfm-projection")
                .header("X-KFM-Run-Id", runId.toString()).header("X-KFM-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        target.authorization().ifPresent(a -> b.header("Authorization", a));
        settings.signingKey().ifPresent(key -> {
            long timestamp = clock.instant().getEpochSecond();
            b.header("X-KFM-Timestamp", Long.toString(timestamp)).header("X-KFM-Signature", key.sign(timestamp, body));
        });
        return b.build();
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
