package org.kfm.projection.run;

import java.util.UUID;

/** The result of a recorded run, with the id under which it is recorded ({@code GET /api/v1/runs/{id}}). */
public record Recorded<T>(UUID runId, T value) {
}
