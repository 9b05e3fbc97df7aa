package com.powerx.devhotload.cli.command;

import com.powerx.devhotload.cli.PxPlugin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the subcommands: reaches the run's {@link CliContext} through the root command. */
abstract class Subcommand {

    @Spec
    CommandSpec spec;

    CliContext ctx() {
        return ((PxPlugin) spec.root().userObject()).context();
    }
}
