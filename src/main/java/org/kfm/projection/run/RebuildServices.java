package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import javax.sql.DataSource;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.load.ProjectionLoader;
import org.kfm.projection.migrate.DatabaseBootstrap;
import org.kfm.projection.migrate.SchemaMigrator;
import org.kfm.projection.ops.GenerationStore;
import org.kfm.projection.ops.OpsStore;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.swap.SchemaSwapper;
import org.kfm.projection.validate.ParityValidator;

/** Everything the orchestrator works with, wired once by {@link CoreWiring}. */
public record RebuildServices(DataSource dataSource, Settings settings, RebuildSettings rebuild,
        DatabaseBootstrap bootstrap, SchemaMigrator migrator, OpsStore ops, GenerationStore generations,
        ArtifactStores stores, ProjectionLoader loader, ParityValidator validator, SchemaSwapper swapper,
        ObjectMapper json, Clock clock) {
}
