package org.kfm.projection.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.kfm.projection.history.Generation;
import org.kfm.projection.run.ProjectionStatus;

/** The projection: its live and previous generation, and whether a run holds the rebuild lock. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectionView(String projection, GenerationView live, GenerationView previous,
        boolean rebuildRunning) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GenerationView(long number, String status, UUID runId, String catalogUri, String catalogDigest,
            String migrationVersion, Long rowCount, Instant createdAt, Instant swappedInAt) {
    }

    static ProjectionView of(ProjectionStatus s) {
        return new ProjectionView(s.projection(), view(s.live()), view(s.previous()), s.rebuildRunning());
    }

    private static GenerationView view(Optional<Generation> g) {
        return g.map(x -> new GenerationView(x.number(), x.status(), x.runId(), x.catalogUri(), x.catalogDigest(),
                x.migrationVersion(), x.rowCount(), x.createdAt(), x.swappedInAt())).orElse(null);
    }
}
