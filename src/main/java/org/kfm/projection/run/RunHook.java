package org.kfm.projection.run;

import java.util.UUID;
import org.kfm.projection.history.RunKind;

/**
 * Told of every state a recorded run enters, after it is recorded. Whatever it throws fails the run
 * like a failing step would, so tests inject failures into any kind of run through it.
 */
@FunctionalInterface
public interface RunHook {
    RunHook NONE = (runId, kind, state) -> {
    };

    void entered(UUID runId, RunKind kind, String state);
}
