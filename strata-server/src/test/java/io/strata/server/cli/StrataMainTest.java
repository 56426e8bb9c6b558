package io.strata.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.server.StrataServer;
import io.strata.server.config.ConfigKey;
import io.strata.server.config.ConfigKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrataMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(StrataServer.StorageOpener opener, String... args) {
        return StrataMain.run(new PrintWriter(out, true), new PrintWriter(err, true), opener, args);
    }

    private int run(String... args) {
        return run(config -> {
            throw new AssertionError("storage must not be opened in this test");
        }, args);
    }

    @Test
    void topLevelHelpListsCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: strata").contains("server").contains("version");
    }

    @Test
    void versionCommandPrintsVersionAndJava() {
        assertThat(run("version")).isZero();
        assertThat(out.toString()).startsWith("strata, version ").contains("java: " + Runtime.version());
    }

    @Test
    void serverHelpListsEveryFlagWithItsDefaultAndFileKey() {
        assertThat(run("server", "--help")).isZero();
        String help = out.toString();
        assertThat(help).contains("Usage: strata server").contains("--config=FILE").contains("--print-config");
        String flat = help.replaceAll("\\s+", "");
        for (ConfigKey key : ConfigKeys.ALL) {
            assertThat(help).contains("--" + key.flag() + "=" + key.paramLabel());
            assertThat(flat).contains("(default:" + key.defaultValue() + ";filekey:" + key.path() + ")");
        }
    }

    @Test
    void printConfigShowsFlagsOverFileOverDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("s.yaml"), "http:\n  port: 9000\nstorage:\n  retention: 30d\n");
        assertThat(run("server", "--config", file.toString(), "--retention", "90d", "--print-config")).isZero();
        assertThat(out.toString())
                .contains("http:\n  listenAddress: 0.0.0.0\n  port: 9000\n")
                .contains("  retention: 90d\n")
                .contains("  blockDuration: 2h\n");
    }

    @Test
    void enableFeatureMayBeRepeatedAndCommaSeparated() {
        assertThat(run("server", "--enable-feature", "promql-experimental-functions",
                "--enable-feature=promql-delayed-name-removal,promql-duration-expr", "--query.max-samples", "1000",
                "--print-config")).isZero();
        assertThat(out.toString())
                .contains("query:\n  timeout: 2m\n  maxSamples: 1000\n  maxSeries: 0\n  lookbackDelta: 5m\n")
                .contains("features:\n  enable: \"promql-delayed-name-removal,promql-duration-expr,"
                        + "promql-experimental-functions\"\n");
    }

    @Test
    void unknownFeatureExitsWith2NamingIt() {
        assertThat(run("server", "--enable-feature", "promql-nope")).isEqualTo(2);
        assertThat(err.toString()).startsWith("strata server: invalid value for --enable-feature: unknown feature \"promql-nope\"");
    }

    @Test
    void badFlagValueExitsWith2AndNamesFlagAndValue() {
        assertThat(run("server", "--retention", "15x")).isEqualTo(2);
        assertThat(err.toString()).startsWith("strata server: invalid value for --retention: not a valid duration: \"15x\"");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void badConfigFileExitsWith2AndNamesFileLineAndKey() throws IOException {
        Path file = Files.writeString(dir.resolve("s.yaml"), "limits:\n  maxSeriez: 5\n");
        assertThat(run("server", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("strata server: " + file + ":2: unknown key \"limits.maxSeriez\"; did you mean \"maxSeries\"?");
        assertThat(run("server", "--config", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("config file " + dir.resolve("missing.yaml") + " does not exist");
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertThat(run("server", "--no-such-flag")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-flag'");
    }

    @Test
    void storageThatCannotOpenExitsWith1WithItsReason() {
        int code = run(config -> {
            throw new StrataException(ErrorCode.UNAVAILABLE, "data directory " + config.storage().dataDir() + " is locked");
        }, "server", "--listen-address", "127.0.0.1", "--http-port", "0", "--data-dir", dir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("strata server: data directory " + dir + " is locked\n");
    }
}
