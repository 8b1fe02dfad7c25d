package org.kfm.projection.run;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.kfm.projection.migrate.AppliedMigration;
import org.kfm.projection.migrate.MigrationResult;
import org.kfm.projection.migrate.SmokeReport;
import org.kfm.projection.swap.PruneResult;
import org.kfm.projection.swap.SwapResult;
import org.kfm.projection.validate.ParityReport;

/**
 * What the operator's runs return to the entry points: the run's own results, mapped here from the
 * steps' records, so the API and the CLI never import a step and a field renamed in {@code swap},
 * {@code validate} or {@code migrate} changes nothing they print or serve. The receipts keep the
 * steps' full records.
 */
public final class RunResults {
    private RunResults() {
    }

    /**
     * A committed rollback.
     *
     * @param action always {@code rollback}
     * @param live the live schema's name
     * @param generation the generation now live, when known
     * @param previous the schema now kept for rollback
     * @param retired the previous generation renamed aside, if any
     * @param transactionTime the committed transaction, first statement to end of COMMIT
     * @param totalTime everything, retries and cleanup included
     * @param attempts transactions tried
     * @param warnings cleanup problems, one line each (the rollback itself succeeded)
     */
    public record Rollback(String action, String live, OptionalLong generation, Optional<String> previous,
            Optional<String> retired, Duration transactionTime, Duration totalTime, int attempts,
            List<String> warnings) {
        public Rollback {
            warnings = List.copyOf(warnings);
        }

        static Rollback of(SwapResult r) {
            return new Rollback(r.action(), r.live(), r.generation(), r.previous(), r.retired(), r.transactionTime(),
                    r.totalTime(), r.attempts(), r.warnings());
        }
    }

    /** Schemas a prune dropped, and those it could not drop (left for the next prune). */
    public record Prune(List<String> dropped, List<NotDropped> notDropped) {
        public boolean complete() {
            return notDropped.isEmpty();
        }

        static Prune of(PruneResult r) {
            return new Prune(List.copyOf(r.dropped()), r.notDropped().stream().map(f -> new NotDropped(f.schema(), f.reason()))
                    .toList());
        }
    }

    /** A schema that could not be dropped, and why. */
    public record NotDropped(String schema, String reason) {
    }

    /**
     * A parity check that passed (a failing one ends the run with {@code PARITY_FAILED}), rendered as
     * in the receipts: the text for people, the JSON whose field names {@code docs/parity.md} documents.
     */
    public record Validation(String text, String json) {
        static Validation of(ParityReport r) {
            return new Validation(r.toText(), r.toJson());
        }
    }

    /** What a migrate run did to one schema. */
    public record Migration(String schema, String fromVersion, String toVersion, List<Applied> applied,
            Duration duration) {
        public Migration {
            applied = List.copyOf(applied);
        }

        static Migration of(MigrationResult r) {
            return new Migration(r.schema(), r.fromVersion(), r.toVersion(), Applied.of(r.applied()), r.duration());
        }
    }

    /** One migration applied: its version, script and the SHA-256 of the script text. */
    public record Applied(String version, String script, String sha256) {
        static List<Applied> of(List<AppliedMigration> applied) {
            return applied.stream().map(m -> new Applied(m.version(), m.script(), m.sha256())).toList();
        }
    }

    /**
     * A smoke test that passed (drift or a non-idempotent history ends the run FAILED): the fresh
     * path, the N-1 path (skipped when there is only one version) and what was compared.
     */
    public record Smoke(String latestVersion, String previousVersion, List<Applied> freshApplied,
            List<Applied> n1Applied, int objectsCompared, int reapplied) {
        public Smoke {
            freshApplied = List.copyOf(freshApplied);
            n1Applied = List.copyOf(n1Applied);
        }

        public boolean n1Skipped() {
            return previousVersion == null;
        }

        static Smoke of(SmokeReport r) {
            return new Smoke(r.latestVersion(), r.previousVersion(), Applied.of(r.freshApplied()),
                    Applied.of(r.n1Applied()), r.objectsCompared(), r.reapplied());
        }
    }
}
