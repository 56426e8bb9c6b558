package io.strata.server.cli;

import io.strata.server.BuildInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code strata version}: what is running, as Prometheus's buildinfo reports it. */
@Command(name = "version", description = "Print the version, revision and Java runtime.")
final class VersionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        BuildInfo info = BuildInfo.current();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("strata, version %s (revision: %s)%n", info.version(), info.revision());
        out.printf("  build date: %s%n  java: %s%n", info.buildDate(), info.javaVersion());
        out.flush();
    }
}
