package org.kfm.projection.swap;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a committed swap or rollback did.
 *
 * @param action {@code swap} or {@code rollback}
 * @param live the live schema's name (always the base name)
 * @param generation the generation now live, when known (recorded on the schema at swap time)
 * @param previous the schema now kept for rollback, if any
 * @param retired the previous generation renamed aside by this swap, if any
 * @param transactionTime the committed transaction, from its first statement to the end of COMMIT
 * @param renameToCommit the part of it from the first rename to the end of COMMIT (after the checks),
 *     the only time the generation schemas' catalog rows are locked
 * @param attempts transactions tried (1 when no lock timeout was hit)
 * @param totalTime everything, retries, backoff and the drop of retired generations included
 * @param notifyTrimmed the caller's payload was too long for NOTIFY and a summary was sent instead
 * @param cleanup retired generations dropped after the commit, and those that could not be
 *     (warnings: the swap itself succeeded; {@code prune} tries again)
 */
public record SwapResult(String action, String live, OptionalLong generation, Optional<String> previous,
        Optional<String> retired, Duration transactionTime, Duration renameToCommit, int attempts, Duration totalTime,
        boolean notifyTrimmed, PruneResult cleanup) {

    /** Problems of the cleanup step, one line each; empty when every retired schema was dropped. */
    public List<String> warnings() {
        return cleanup.notDropped().stream().map(f -> "could not drop " + f.schema() + ": " + f.reason()).toList();
    }
}
