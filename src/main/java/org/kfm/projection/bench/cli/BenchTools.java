package org.kfm.projection.bench.cli;

import java.util.List;
import org.kfm.projection.cli.CommandContributor;

/** Adds {@code generate-catalog} and {@code bench} to the command line (registered in META-INF/services). */
public final class BenchTools implements CommandContributor {
    @Override
    public List<Class<?>> commands() {
        return List.of(GenerateCatalogCommand.class, BenchCommand.class);
    }
}
