package org.kfm.projection.run.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.config.Settings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.UsageException;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.load.LoadSettings;
import org.kfm.projection.load.ProjectionLoader;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.migrate.MigrationSource;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.run.RebuildServices;
import org.kfm.projection.run.RebuildSettings;
import org.kfm.projection.swap.SchemaSwapper;
import org.kfm.projection.swap.SwapSettings;
import org.kfm.projection.validate.ParityPolicy;
import org.kfm.projection.validate.ParityValidator;

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
        Settings s = new Settings(projection, configured.opsSchema(), configured.extensionSchema(), configured.srid(),
                configured.migrationsLocation(), Optional.empty(), Optional.of("kfm-bench"));
        ParityPolicy p = rebuild.parity();
        // no reader role: its grants are not replayed on the benchmark's projection, so rule 7 must not ask for them
        ParityPolicy policy = new ParityPolicy(p.targetSrid(), p.invalidPolicy(), p.liveDigestPolicy(),
                p.bboxToleranceDegrees(), p.minShrinkFraction(), p.allowShrink(), Optional.empty());
        RebuildSettings r = new RebuildSettings(rebuild.parallelism(), policy, Optional.empty(), false,
                rebuild.liveBaseline(), rebuild.copyStreams());
        ProjectionLoader loader = new ProjectionLoader(ds, stores, new FeatureReaders(),
                LoadSettings.defaults(s.srid()).withParallelism(r.copyStreams())
                        .withUnclosedRings(r.unclosedRings()), clock);
        return new RebuildServices(ds, s, r, new DatabaseBootstrap(ds, s.opsSchema(), s.extensionSchema(), clock),
                new SchemaMigrator(ds, MigrationSource.load(s.migrationsLocation()), "", clock),
                new OpsStore(ds, s.opsSchema(), json, clock), new GenerationStore(ds, s.opsSchema(), json), stores,
                loader, new ParityValidator(ds, clock), new SchemaSwapper(ds, SwapSettings.defaults(projection,
                s.opsSchema())), json, clock);
    }
}
