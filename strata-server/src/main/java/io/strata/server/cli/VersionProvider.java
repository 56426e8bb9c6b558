package io.strata.server.cli;

import io.strata.server.BuildInfo;
import picocli.CommandLine;

/** Feeds {@code strata --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo i = BuildInfo.current();
        return new String[] {"strata " + i.version() + " (revision " + i.revision() + ", java " + i.javaVersion() + ")"};
    }
}
