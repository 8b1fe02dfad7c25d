package org.kfm.projection.swap;

import java.util.List;

/** Schemas dropped, and those that could not be (left in place for the next prune). */
public record PruneResult(List<String> dropped, List<DropFailure> notDropped) {
    public PruneResult {
        dropped = List.copyOf(dropped);
        notDropped = List.copyOf(notDropped);
    }

    public boolean complete() {
        return notDropped.isEmpty();
    }
}
