package org.kfm.projection.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.kfm.projection.run.RunResults;

/**
 * A committed rollback as the API shows it: the API's own shape, so renaming a field of the swap
 * step's result never changes the public format.
 *
 * @param generation the generation now live, when known
 * @param previous the schema now kept for rollback
 * @param transactionMs the committed transaction, first statement to end of COMMIT
 * @param totalMs everything, retries and cleanup included
 * @param warnings cleanup problems (the rollback itself succeeded)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SwapView(String action, String live, Long generation, String previous, String retired,
        long transactionMs, long totalMs, int attempts, List<String> warnings) {

    static SwapView of(RunResults.Rollback r) {
        return new SwapView(r.action(), r.live(), r.generation().isPresent() ? r.generation().getAsLong() : null,
                r.previous().orElse(null), r.retired().orElse(null), r.transactionTime().toMillis(),
                r.totalTime().toMillis(), r.attempts(), r.warnings());
    }
}
