package org.kfm.projection.cli;

import picocli.CommandLine.Command;

@Command(name = "kfm-projection", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Rebuilds the KFM PostGIS projection from promoted artifacts: migrate a shadow schema, "
                + "load, validate parity, swap atomically, leave a receipt.",
        subcommands = {
            picocli.CommandLine.HelpCommand.class,
            LintCommand.class,
            MigrateCommand.class,
            SmokeCommand.class,
            RebuildCommand.class,
            ValidateCommand.class,
            DiffCommand.class,
            StatusCommand.class,
            RunsCommand.class,
            ReceiptCommand.class,
            RollbackCommand.class,
            PruneCommand.class,
            ServeCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok", "1:failed", "2:bad usage or configuration", "3:lock held by another run",
            "4:parity failed", "5:bad input artifact"})
public class KfmCommand {
}
