package org.kfm.projection.run;

import java.util.List;
import java.util.Optional;
import org.kfm.projection.history.Generation;
import org.kfm.projection.history.KeptShadow;
import org.kfm.projection.history.RunSummary;

/**
 * The projection as status and the API show it: live and previous generation, a kept shadow (only
 * while no run holds the lock: a running rebuild's shadow is work in progress), recent runs.
 */
public record ProjectionStatus(String projection, Optional<Generation> live, Optional<Generation> previous,
        boolean rebuildRunning, List<RunSummary> recentRuns, Optional<KeptShadow> keptShadow) {

    public ProjectionStatus(String projection, Optional<Generation> live, Optional<Generation> previous,
            boolean rebuildRunning, List<RunSummary> recentRuns) {
        this(projection, live, previous, rebuildRunning, recentRuns, Optional.empty());
    }
}
