package org.kfm.projection.bench.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.run.CoreWiring;
import org.kfm.projection.run.RebuildServices;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.settings.SwapOptions;

/**
 * The orchestrator's services wired as the application wires them, but for a projection of the
 * benchmark's own (so a benchmark never swaps the configured projection), with receipts kept in
 * the ops schema only, and the given rebuild settings' parallelism and COPY streams.
 */
public final class BenchServices {
    private BenchServices() {
    }

    /**
     * @throws UsageException when {@code projection} is the configured projection: the benchmark
     *     swaps generations of the projection it measures
     */
    public static RebuildServices create(DataSource ds, Settings configured, RebuildSettings rebuild,
            ArtifactStores stores, ObjectMapper json, Clock clock, PgIdentifier projection) {
        if (projection.equals(configured.projection())) {
            throw new UsageException("invalid-option", "--projection " + projection + " is the configured projection; "
                    + "the benchmark swaps generations of the projection it measures: name another one");
        }
        // no reader role: its grants are not replayed on the benchmark's projection, so rule 7 must not ask for them
        Settings s = configured.forProjection(projection, Optional.of("kfm-bench"), Optional.empty());
        return CoreWiring.services(ds, s, rebuild.withReceiptsInStore(false), SwapOptions.defaults(), stores, json,
                clock, UUID::randomUUID);
    }
}
