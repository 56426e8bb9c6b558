package io.strata.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a compare ran on, from {@code /proc}: CPU model, cores, RAM, kernel.
 *
 * @param cores processors this JVM may use (what the servers share)
 * @param memoryBytes {@code MemTotal}
 */
record MachineInfo(String cpuModel, int cores, long memoryBytes, String kernel) {

    static MachineInfo read() throws IOException {
        return read(Path.of("/proc"), Runtime.getRuntime().availableProcessors());
    }

    /** Reads a {@code /proc} laid out below {@code proc}; missing files give "unknown" and 0. */
    static MachineInfo read(Path proc, int cores) throws IOException {
        String cpuModel = "unknown";
        for (String line : readOrEmpty(proc.resolve("cpuinfo")).split("\n")) {
            if (line.startsWith("model name")) {
                cpuModel = line.substring(line.indexOf(':') + 1).strip();
                break;
            }
        }
        long memKb = 0;
        for (String line : readOrEmpty(proc.resolve("meminfo")).split("\n")) {
            if (line.startsWith("MemTotal:")) {
                memKb = Long.parseLong(line.substring("MemTotal:".length()).strip().split("\\s+")[0]);
            }
        }
        String kernel = readOrEmpty(proc.resolve("sys/kernel/osrelease")).strip();
        return new MachineInfo(cpuModel, cores, memKb * 1024, kernel.isEmpty() ? "unknown" : kernel);
    }

    /** One line for the report: {@code Intel Xeon ..., 2 cores, 23.4 GiB RAM, Linux 6.1.0}. */
    String describe() {
        return String.format(Locale.ROOT, "%s, %d cores, %.1f GiB RAM, Linux %s", cpuModel, cores,
                memoryBytes / (1024.0 * 1024 * 1024), kernel);
    }

    private static String readOrEmpty(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return "";
        }
    }
}
