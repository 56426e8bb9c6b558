package io.strata.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP reloads namespaces and rules of a running server, as it reloads Prometheus's configuration. */
class ReloadOnHangupTest {
    @TempDir
    Path dir;

    private static void hangUp(StrataChild server) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    @Test
    void hangupAddsANamespaceAndABrokenFileChangesNothing() throws Exception {
        Path config = dir.resolve("strata.yaml");
        Files.writeString(config, "namespaces:\n  - policy: raw:2d\n  - policy: 1m:30d\n");
        try (StrataChild server = StrataChild.startReady(dir.resolve("data"), dir.resolve("server.log"),
                "--config", config.toString())) {
            assertThat(server.get("/api/v1/namespaces").body()).contains("\"name\":\"1m\"").doesNotContain("\"name\":\"1h\"");

            Files.writeString(config, "namespaces:\n  - policy: raw:2d\n  - policy: 1m:30d\n  - policy: 1h:1y\n");
            hangUp(server);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> server.get("/api/v1/namespaces").body().contains("\"name\":\"1h\""));

            Files.writeString(config, "namespaces:\n  - policy: raw:2d\n  - policy: 1m:30d\n  - policy: '1h:'\n");
            hangUp(server);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> server.logText().contains("reload refused"));
            assertThat(server.logText()).contains("strata.yaml:4: namespaces[2].policy: invalid storage policy \"1h:\"");
            assertThat(server.get("/api/v1/namespaces").body()).as("the running configuration stays").contains("\"name\":\"1h\"");
        }
    }
}
