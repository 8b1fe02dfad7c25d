package org.kfm.projection.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.kfm.projection.history.RunOutcome;

/**
 * How a rebuild ended (failures are thrown as {@link org.kfm.projection.error.KfmException}, with
 * the receipt already recorded).
 *
 * @param generation the new live generation; null when skipped, dry-run or not swapped
 * @param summary one human line ("skipped: catalog unchanged since generation 4")
 * @param receipt the run's receipt as recorded in the ops schema
 */
public record RebuildResult(UUID runId, RunOutcome outcome, Long generation, String summary, JsonNode receipt) {
}
