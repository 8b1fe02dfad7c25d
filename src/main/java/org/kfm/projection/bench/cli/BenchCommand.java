package org.kfm.projection.bench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Benchmarks are commands, not tests (DESIGN §8): they generate data and print figures for this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: generate data and measure the pipeline on this machine.",
        subcommands = {BenchReadersCommand.class, BenchRebuildCommand.class, BenchIncrementalCommand.class,
            BenchApiCommand.class})
public class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
