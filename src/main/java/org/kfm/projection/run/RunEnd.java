package org.kfm.projection.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.history.RunOutcome;

/**
 * How one run ended, as values: the outcome, one human line, the error as reported (null when it
 * succeeded or was skipped), the generation it made live, what became of the data, who or what
 * cancelled it, and the body of its receipt that only this kind of run has.
 */
record RunEnd(RunOutcome outcome, String summary, KfmException error, Long generation, DataEffect data,
        Cancellation cancellation, ObjectNode body) {

    RunEnd {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
        if ((outcome == RunOutcome.SUCCEEDED || outcome == RunOutcome.SKIPPED) != (error == null)) {
            throw new IllegalArgumentException(outcome + " with error " + error);
        }
        if ((outcome == RunOutcome.CANCELLED) != (cancellation != null)) {
            throw new IllegalArgumentException(outcome + " with cancellation " + cancellation);
        }
        if (outcome == RunOutcome.REFUSED && !(error instanceof LockHeldException)) {
            throw new IllegalArgumentException("only a held lock refuses a run: " + error);
        }
    }

    static RunEnd succeeded(RunOutcome outcome, String summary, Long generation, DataEffect data, ObjectNode body) {
        return new RunEnd(outcome, summary, null, generation, data, null, body);
    }
}
