package org.kfm.projection.run;

import java.util.List;
import java.util.Optional;
import org.kfm.projection.history.Generation;
import org.kfm.projection.history.RunSummary;

/** The projection as status and the API show it: live and previous generation, recent runs. */
public record ProjectionStatus(String projection, Optional<Generation> live, Optional<Generation> previous,
        boolean rebuildRunning, List<RunSummary> recentRuns) {
}
