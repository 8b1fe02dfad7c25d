package org.kfm.projection.history;

import java.util.Optional;

/**
 * A shadow schema that outlived the run that built it: a failed rebuild keeps it for inspection, a
 * {@code --no-swap} rebuild keeps it by request. The next rebuild drops it.
 *
 * @param schema the shadow's name
 * @param keptBy the newest run whose receipt says it kept this schema; empty when no run says so (a
 *     process that died mid-run left it)
 */
public record KeptShadow(String schema, Optional<RunSummary> keptBy) {
}
