package org.kfm.projection.history;

/**
 * Who or what started a run: the principal (an OS user@host, a JWT subject, a CronJob name) and the
 * channel it came through ({@code cli}, {@code api}, {@code schedule}).
 */
public record Trigger(String principal, String channel) {
    public Trigger {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("principal is required");
        }
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("channel is required");
        }
    }
}
