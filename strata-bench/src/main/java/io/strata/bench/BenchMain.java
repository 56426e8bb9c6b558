package io.strata.bench;

import io.strata.bench.compare.CompareCommand;
import io.strata.bench.query.QueryCommand;
import io.strata.bench.write.VisibilityCommand;
import io.strata.bench.write.WriteCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code strata bench}: the load generator and the micro-benchmarks. */
@Command(
        name = "strata bench",
        mixinStandardHelpOptions = true,
        description = "Load generator, query benchmark and micro-benchmarks for Strata and its peers.",
        subcommands = {WriteCommand.class, QueryCommand.class, VisibilityCommand.class, CompareCommand.class, NullReceiverCommand.class, JmhCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new BenchMain()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
