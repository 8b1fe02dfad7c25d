package org.kfm.projection.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that prints for people or, with {@code --format json}, one JSON document for scripts. */
abstract class FormattedCommand implements Callable<Integer>, Formatted {
    @Mixin
    FormatOption format;

    @Spec
    CommandSpec spec;

    @Override
    public boolean json() {
        return format.json();
    }
}
