package io.strata.server.cli;

import picocli.CommandLine.Command;

/** {@code strata version}: what is running, as Prometheus's buildinfo reports it. */
@Command(name = "version", description = "Print the version, revision and Java runtime.")
final class VersionCommand implements Runnable {
    @Override
    public void run() {
        BuildInfo info = BuildInfo.current();
        System.out.printf("strata, version %s (revision: %s)%n", info.version(), info.revision());
        System.out.printf("  build date: %s%n  java: %s%n", info.buildDate(), info.javaVersion());
    }
}
