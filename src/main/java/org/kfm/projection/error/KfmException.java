package org.kfm.projection.error;

import java.util.Objects;

/**
 * Root of the project's unchecked exceptions. Every failure that reaches a user carries a stable
 * {@link ErrorCode} and a short rule id (for example {@code checksum-mismatch}) that tests, receipts
 * and problem details can match on without parsing the message.
 */
public class KfmException extends RuntimeException {
    private final ErrorCode code;
    private final String rule;

    public KfmException(ErrorCode code, String rule, String message) {
        this(code, rule, message, null);
    }

    public KfmException(ErrorCode code, String rule, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public ErrorCode code() {
        return code;
    }

    /** Short, stable id of the rule that was broken, e.g. {@code checksum-mismatch}. */
    public String rule() {
        return rule;
    }
}
