package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * Who or what stopped a run: a request by a principal (through the API or the ops schema), the
 * service shutting down, or a deadline.
 *
 * @param by the principal who asked, for {@code REQUEST} (null when unknown); the deadline, for
 *     {@code DEADLINE}
 */
public record Cancellation(Cause cause, String by) {

    public enum Cause {
        REQUEST, SHUTDOWN, DEADLINE
    }

    public Cancellation {
        Objects.requireNonNull(cause, "cause");
    }

    public static Cancellation request(String principal) {
        return new Cancellation(Cause.REQUEST, principal);
    }

    public static Cancellation shutdown() {
        return new Cancellation(Cause.SHUTDOWN, null);
    }

    public static Cancellation deadline(String deadline) {
        return new Cancellation(Cause.DEADLINE, deadline);
    }

    /** "cancelled on request by otto", "cancelled because the service is shutting down", ... */
    public String describe() {
        return switch (cause) {
            case REQUEST -> "cancelled on request" + (by == null ? "" : " by " + by);
            case SHUTDOWN -> "cancelled because the service is shutting down";
            case DEADLINE -> "cancelled: it passed its deadline" + (by == null ? "" : " (" + by + ")");
        };
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode().put("cause", cause.name().toLowerCase(Locale.ROOT));
        if (by != null) {
            n.put("by", by);
        }
        return n;
    }
}
