package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.feature.FeatureReaders;
import org.kfm.projection.load.LoadSettings;
import org.kfm.projection.load.ProjectionLoader;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.migrate.MigrationSource;
import org.kfm.projection.migrate.PrivilegeCheck;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.settings.SwapOptions;
import org.kfm.projection.swap.GenerationNames;
import org.kfm.projection.swap.SchemaSwapper;
import org.kfm.projection.swap.SwapSettings;
import org.kfm.projection.validate.ParityValidator;

/**
 * The one wiring of the core, in plain Java: production (through CDI), the benchmark and the test
 * fixture all build their services here, so the three cannot drift. It is also where the steps' own
 * settings records are derived from the validated settings, each value from its one owner: the
 * swap's names, ops schema and reader role from {@link Settings}, the loader's SRID from
 * {@link Settings} and its streams from {@link RebuildSettings}.
 */
public final class CoreWiring {
    private CoreWiring() {
    }

    /**
     * Everything a run works with, on {@code dataSource}. Build it once per process: its
     * {@link DatabaseBootstrap} remembers that the database is set up.
     *
     * @param clock the time of every record, receipt and progress line
     * @param runIds the ids of new runs ({@code UUID::randomUUID} in production; tests fix them)
     */
    public static RebuildServices services(DataSource dataSource, Settings settings, RebuildSettings rebuild,
            SwapOptions swap, ArtifactStores stores, ObjectMapper json, Clock clock, Supplier<UUID> runIds) {
        ProjectionLoader loader = new ProjectionLoader(dataSource, stores, new FeatureReaders(),
                LoadSettings.defaults(settings.srid()).withParallelism(rebuild.copyStreams())
                        .withUnclosedRings(rebuild.unclosedRing()), clock);
        return new RebuildServices(dataSource, settings, rebuild,
                new DatabaseBootstrap(dataSource, settings.opsSchema(), settings.extensionSchema(), clock),
                new SchemaMigrator(dataSource, MigrationSource.load(settings.migrationsLocation()), "", clock),
                new OpsStore(dataSource, settings.opsSchema(), json, clock, runIds),
                new GenerationStore(dataSource, settings.opsSchema(), json), stores, loader,
                new ParityValidator(dataSource, clock), new SchemaSwapper(dataSource, swapSettings(settings, swap)),
                json, clock);
    }

    /** The swap step's settings: the configured options for this projection's generations. */
    public static SwapSettings swapSettings(Settings settings, SwapOptions swap) {
        return new SwapSettings(new GenerationNames(settings.projection()), settings.opsSchema(), swap.lockTimeout(),
                swap.attempts(), swap.backoff(), swap.dropLockTimeout(), swap.channel(), settings.readerRole());
    }

    /** migrate and smoke, sharing the services' bootstrap, migrator and run records. */
    public static MigrationRuns migrationRuns(RebuildServices s) {
        return new MigrationRuns(s.dataSource(), s.settings(), s.bootstrap(), new PrivilegeCheck(s.dataSource()),
                s.migrator(), s.ops(), s.json());
    }
}
