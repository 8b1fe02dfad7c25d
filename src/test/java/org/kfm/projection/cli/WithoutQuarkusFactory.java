package org.kfm.projection.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Builds the whole command tree without Quarkus, for tests that run commands needing no beans.
 * picocli instantiates every subcommand while building the tree, and commands that take injected
 * beans (migrate, smoke) have no no-arg constructor; they get nulls here and must not be run.
 */
public final class WithoutQuarkusFactory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            return CommandLine.defaultFactory().create(cls);
        } catch (NoSuchMethodException | CommandLine.InitializationException e) {
            Constructor<?>[] constructors = cls.getConstructors();
            if (constructors.length != 1) {
                throw e;
            }
            return cls.cast(constructors[0].newInstance(new Object[constructors[0].getParameterCount()]));
        }
    }
}
