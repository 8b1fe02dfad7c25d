package org.kfm.projection.api;

import java.util.UUID;

/** The answer to POST /projection/rollback: the rollback's own run, what it did, and the projection after it. */
public record RollbackView(UUID runId, SwapView rollback, ProjectionView projection) {
}
