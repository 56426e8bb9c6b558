package io.strata.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version facts filtered into {@code strata-build.properties} by Maven at build time. */
public record BuildInfo(String version, String revision, String branch, String buildDate, String javaVersion) {
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/strata-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(
                p.getProperty("version", "unknown"),
                p.getProperty("revision", "unknown"),
                p.getProperty("branch", "main"),
                p.getProperty("buildDate", "unknown"),
                Runtime.version().toString());
    }
}
