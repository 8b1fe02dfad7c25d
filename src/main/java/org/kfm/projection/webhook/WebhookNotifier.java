package org.kfm.projection.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kfm.projection.run.SwapListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs the swap payload to each configured URL after a swap committed, with a timeout per call
 * and a bounded number of attempts (exponential backoff between them). A 2xx answer delivers; any
 * other answer, a timeout or a refused connection is retried, then recorded as failed. Never throws:
 * the generation is already live whatever the receivers say.
 */
public final class WebhookNotifier implements SwapListener {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

    private final List<URI> urls;
    private final Duration timeout;
    private final int attempts;
    private final Duration backoff;
    private final Clock clock;
    private final HttpClient client;

    public WebhookNotifier(List<URI> urls, Duration timeout, int attempts, Duration backoff, Clock clock) {
        this.urls = List.copyOf(urls);
        this.timeout = timeout;
        this.attempts = attempts;
        this.backoff = backoff;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public List<Delivery> swapped(UUID runId, String payload) {
        List<Delivery> out = new ArrayList<>();
        for (URI url : urls) {
            Delivery d = deliver(url, runId, payload);
            if (d.delivered()) {
                LOG.info("webhook {} delivered in {} attempt(s), status {}", url, d.attempts(), d.status());
            } else {
                LOG.warn("webhook {} failed after {} attempt(s): {} (the swap stands)", url, d.attempts(), d.error());
            }
            out.add(d);
        }
        return out;
    }

    private Delivery deliver(URI url, UUID runId, String payload) {
        long start = clock.millis();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "kfm-projection")
                .header("X-Kfm-Run-Id", runId.toString())
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8)).build();
        Integer status = null;
        String error = null;
        int attempt = 0;
        while (attempt < attempts) {
            attempt++;
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Delivery(url.toString(), true, attempt, status, null, clock.millis() - start);
                }
                error = "HTTP " + status;
            } catch (IOException e) {
                status = null;
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
                break;
            }
            if (attempt < attempts && !sleep(backoff.multipliedBy(1L << Math.min(attempt - 1, 10)))) {
                error += " (retries interrupted)";
                break;
            }
        }
        return new Delivery(url.toString(), false, attempt, status, error, clock.millis() - start);
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
