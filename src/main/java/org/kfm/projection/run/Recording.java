package org.kfm.projection.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import org.kfm.projection.history.RunKind;
import org.kfm.projection.history.Trigger;

/** A run the recorder has started and not yet ended: its identity, and the last state it entered. */
final class Recording {
    private final UUID id;
    private final RunKind kind;
    private final Trigger trigger;
    private final ObjectNode arguments;
    private final Instant startedAt;
    private volatile String state = "REQUESTED";

    Recording(UUID id, RunKind kind, Trigger trigger, ObjectNode arguments, Instant startedAt) {
        this.id = id;
        this.kind = kind;
        this.trigger = trigger;
        this.arguments = arguments;
        this.startedAt = startedAt;
    }

    UUID id() {
        return id;
    }

    RunKind kind() {
        return kind;
    }

    Trigger trigger() {
        return trigger;
    }

    ObjectNode arguments() {
        return arguments;
    }

    Instant startedAt() {
        return startedAt;
    }

    String state() {
        return state;
    }

    void state(String s) {
        this.state = s;
    }
}
