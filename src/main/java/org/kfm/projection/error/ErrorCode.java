package org.kfm.projection.error;

/**
 * Stable error codes. The exit code is the CLI's process exit status; the HTTP status is what the
 * service answers; the slug is the stable part of the problem-details type URI.
 */
public enum ErrorCode {
    FAILED(1, 500, "failed"),
    BAD_USAGE(2, 400, "bad-usage"),
    LOCK_HELD(3, 409, "lock-held"),
    PARITY_FAILED(4, 422, "parity-failed"),
    BAD_INPUT(5, 422, "bad-input"),
    /** The shadow would not fit the disk budget, or the server ran out of disk while writing it. */
    INSUFFICIENT_SPACE(6, 507, "insufficient-space");

    private final int exitCode;
    private final int httpStatus;
    private final String slug;

    ErrorCode(int exitCode, int httpStatus, String slug) {
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
        this.slug = slug;
    }

    public int exitCode() {
        return exitCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String slug() {
        return slug;
    }
}
