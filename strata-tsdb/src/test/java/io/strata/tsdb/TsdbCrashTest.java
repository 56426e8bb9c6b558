package io.strata.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL and checks that every batch it was told was committed is
 * there after a restart: the WAL's promise that a 2xx survives a killed process.
 */
class TsdbCrashTest {
    private static final int SERIES = 50;
    private static final int KILL_AFTER_ACKS = 300;
    private static final int BATCH_LIMIT = 100_000;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedBatchSurvivesKillDashNine() throws Exception {
        long start = System.currentTimeMillis() - 3_600_000L;
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp",
                classpath, CrashWriterMain.class.getName(), dir.toString(), Long.toString(start),
                Integer.toString(BATCH_LIMIT), Integer.toString(SERIES))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int lastAck = -1;
        List<String> unexpected = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            String line;
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck = Integer.parseInt(line.substring(4));
                    if (lastAck + 1 >= KILL_AFTER_ACKS) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
                        break;
                    }
                } else if (line.equals("DONE")) {
                    unexpected.add(line); // the child ran out of batches before we killed it
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(1, TimeUnit.MINUTES);
        }
        assertThat(unexpected).isEmpty();
        assertThat(lastAck).as("acknowledged batches before the kill").isGreaterThanOrEqualTo(KILL_AFTER_ACKS - 1);

        try (Tsdb db = Tsdb.open(TsdbOptions.builder().dataDir(dir).backgroundWork(false).build())) {
            Map<Labels, List<String>> data = TsdbTestSupport.readAll(db, Matcher.metricName("crash_test"));
            assertThat(data).hasSize(SERIES);
            for (Map.Entry<Labels, List<String>> e : data.entrySet()) {
                List<String> samples = e.getValue();
                assertThat(samples.size()).as("samples of %s", e.getKey()).isGreaterThanOrEqualTo(lastAck + 1);
                for (int batch = 0; batch <= lastAck; batch++) {
                    assertThat(samples.get(batch)).isEqualTo((start + batch * 1000L) + "=" + (double) batch);
                }
            }
        }
    }
}
