package org.kfm.projection.cli;

import java.util.List;

/**
 * Subcommands that live outside the product's packages (the benchmark and generator tools), found
 * with {@link java.util.ServiceLoader} so that {@code cli} never imports them: the tools depend on
 * the product, never the other way round.
 */
public interface CommandContributor {

    /** picocli command classes to add at the top level, created through the application's factory. */
    List<Class<?>> commands();
}
