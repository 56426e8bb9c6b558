package io.strata.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where and what a compare ran: date, Strata's commit, machine, versions, the command as typed,
 * and the config. The report states all of it so every number can be traced.
 *
 * @param commit {@code git rev-parse --short HEAD}, with {@code -dirty} when tracked files differ from it
 * @param versions server id → version, plus {@code jdk}
 * @param notes which files count as data and index, per server id
 */
record RunContext(Instant date, String commit, MachineInfo machine, Map<String, String> versions, CompareConfig config,
        Instant lastSample, Map<String, String> notes) {

    RunContext {
        versions = Map.copyOf(versions);
        notes = Map.copyOf(notes);
    }

    /** Gathers the context by asking git, dpkg and the servers' binaries; a question without an answer gives "unknown". */
    static RunContext gather(CompareConfig config, Instant lastSample, Path repoRoot) throws IOException, InterruptedException {
        String commit = run(repoRoot, "git", "rev-parse", "--short", "HEAD");
        String dirty = run(repoRoot, "git", "status", "--porcelain", "--untracked-files=no");
        if (!commit.equals("unknown") && !dirty.isEmpty() && !dirty.equals("unknown")) {
            commit += "-dirty";
        }
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (ServerKind kind : config.servers()) {
            switch (kind) {
                case STRATA -> {
                    versions.put(kind.id(), "commit " + commit);
                    notes.put(kind.id(), StrataServer.DISK_LAYOUT);
                }
                case PROMETHEUS -> {
                    versions.put(kind.id(), PrometheusServer.versionOf(run(repoRoot, "prometheus", "--version")));
                    notes.put(kind.id(), PrometheusServer.DISK_LAYOUT);
                }
                case VICTORIAMETRICS -> {
                    // Debian's build prints an empty -version; the package knows.
                    versions.put(kind.id(), run(repoRoot, "dpkg-query", "-W", "-f=${Version}", "victoria-metrics"));
                    notes.put(kind.id(), VictoriaMetricsServer.DISK_LAYOUT);
                }
            }
        }
        versions.put("jdk", Runtime.version().toString());
        return new RunContext(Instant.now(), commit, MachineInfo.read(), versions, config, lastSample, notes);
    }

    /** Output of a short command, stripped; "unknown" when it fails or takes more than 30 s. */
    private static String run(Path dir, String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unknown";
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).strip() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
