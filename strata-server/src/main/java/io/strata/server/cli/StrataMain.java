package io.strata.server.cli;

import io.strata.server.StrataServer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the {@code strata} command line. */
@Command(
        name = "strata",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Strata: a metrics platform speaking Prometheus's protocols.",
        subcommands = {VersionCommand.class})
public final class StrataMain implements Runnable {
    /** Wide enough that "file key: storage.outOfOrderWindow" does not wrap inside the key. */
    private static final int USAGE_WIDTH = 120;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        return run(out, err, StorageOpeners.tsdb(), args);
    }

    /** Runs the CLI with the given output streams and storage, and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, StrataServer.StorageOpener storage, String... args) {
        CommandLine cl = new CommandLine(new StrataMain());
        CommandLine server = new CommandLine(new ServerCommand(storage));
        ServerCommand.addSettingFlags(server.getCommandSpec());
        cl.addSubcommand("server", server);
        cl.addSubcommand("import", new CommandLine(new ImportCommand(stderrIsTerminal())));
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.setUsageHelpWidth(USAGE_WIDTH);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** Whether a progress bar can redraw itself: the process runs in a terminal, not with output to a file or a pipe. */
    private static boolean stderrIsTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
