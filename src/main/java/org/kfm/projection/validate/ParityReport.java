package org.kfm.projection.validate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of one parity validation, as a value: per dataset version results, the findings
 * (failures first), the change summary against live and the totals. The orchestrator decides what
 * it means; {@link #passed()} is true when no finding has severity {@link Severity#FAIL}.
 *
 * @param shadowSchema    the validated schema
 * @param liveSchema      the live schema compared against, when there is one
 * @param policy          the policy the rules were held to
 * @param datasetVersions one result per dataset version in the catalog or the shadow, sorted by id
 * @param findings        every finding, in {@link Finding#ORDER}
 * @param changes         what changed against live
 * @param shadowRows      total rows in the shadow's {@code feature_geom}
 * @param liveRows        total rows in live's {@code feature_geom}; empty without live
 * @param elapsed         how long validation took
 */
public record ParityReport(String shadowSchema, Optional<String> liveSchema, ParityPolicy policy,
                           List<DatasetVersionResult> datasetVersions, List<Finding> findings,
                           ChangeSummary changes, long shadowRows, OptionalLong liveRows, Duration elapsed) {
    public ParityReport {
        Objects.requireNonNull(shadowSchema, "shadowSchema");
        Objects.requireNonNull(liveSchema, "liveSchema");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(elapsed, "elapsed");
        datasetVersions = List.copyOf(datasetVersions);
        findings = findings.stream().sorted(Finding.ORDER).toList();
    }

    /** True when no finding fails: the swap may go ahead. */
    public boolean passed() {
        return findings.stream().noneMatch(Finding::isFailure);
    }

    public List<Finding> failures() {
        return findings(Severity.FAIL);
    }

    public List<Finding> findings(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).toList();
    }

    public List<Finding> findings(ParityRule rule) {
        return findings.stream().filter(f -> f.rule() == rule).toList();
    }

    public Optional<DatasetVersionResult> result(String datasetVersionId) {
        return datasetVersions.stream().filter(r -> r.datasetVersionId().equals(datasetVersionId)).findFirst();
    }

    /**
     * The SQL digest of every shadow dataset version (after repair, when geometries were repaired):
     * what the orchestrator records for the generation.
     */
    public Map<String, String> digests() {
        Map<String, String> out = new LinkedHashMap<>();
        datasetVersions.stream().filter(DatasetVersionResult::inShadow)
                .forEach(r -> out.put(r.datasetVersionId(), r.sqlDigest()));
        return out;
    }

    /**
     * Each shadow dataset version's rows, digest and extent, for the orchestrator to record with the
     * generation and pass back as a {@link LiveBaseline#recorded} baseline once it is live.
     */
    public List<RecordedVersion> recordedVersions() {
        return datasetVersions.stream().filter(DatasetVersionResult::inShadow)
                .map(r -> new RecordedVersion(r.datasetVersionId(), r.rows(), r.sqlDigest(), r.extent())).toList();
    }

    /** Human-readable: the verdict, failing findings first, then one table row per dataset version. */
    public String toText() {
        return ReportText.render(this);
    }

    /** Machine-readable JSON; the field names are a contract documented in {@code docs/parity.md}. */
    public String toJson() {
        return ReportJson.render(this);
    }
}
