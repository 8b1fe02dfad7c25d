package org.kfm.projection.validate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kfm.projection.db.PgIdentifier;

/**
 * The live generation the shadow is compared with (rules 3 and 6, the change summary): either its
 * schema, scanned in the validation's transaction, or the per-version results recorded when it
 * was validated. A scan costs about as much as the shadow's digest (docs/parity.md); the recorded
 * results are as good as long as nobody edited live since its swap, which the projection forbids.
 *
 * @param schema   the live schema (named in the report)
 * @param recorded the recorded results; empty to scan the schema
 */
public record LiveBaseline(PgIdentifier schema, Optional<List<RecordedVersion>> recorded) {
    public LiveBaseline {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(recorded, "recorded");
        recorded = recorded.map(List::copyOf);
    }

    /** Compare with live by scanning its {@code feature_geom} and {@code dataset_version}. */
    public static LiveBaseline scan(PgIdentifier schema) {
        return new LiveBaseline(schema, Optional.empty());
    }

    /** Compare with the results recorded for the live generation; its tables are not read. */
    public static LiveBaseline recorded(PgIdentifier schema, List<RecordedVersion> versions) {
        return new LiveBaseline(schema, Optional.of(versions));
    }
}
