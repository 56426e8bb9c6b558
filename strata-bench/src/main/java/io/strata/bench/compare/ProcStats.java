package io.strata.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and resident memory of a server and its child processes, read from Linux's
 * {@code /proc}. Children count because a launcher may start the real server below itself; a
 * child that exited between listing and reading counts as 0.
 */
final class ProcStats {
    /** Linux's USER_HZ on every architecture the JDK runs on; {@code /proc/PID/stat} counts in it. */
    static final int TICKS_PER_SECOND = 100;

    private final Path proc;

    /** Reads the real {@code /proc}. */
    ProcStats() {
        this(Path.of("/proc"));
    }

    /** Reads a copy of {@code /proc} laid out below {@code proc} (tests). */
    ProcStats(Path proc) {
        this.proc = proc;
    }

    /** User plus system CPU seconds used so far by {@code pid} and its live descendants. */
    double cpuSeconds(long pid) throws IOException {
        long ticks = 0;
        for (long p : withDescendants(pid)) {
            String stat = readOrNull(proc.resolve(p + "/stat"));
            if (stat != null) {
                ticks += cpuTicks(stat);
            }
        }
        return ticks / (double) TICKS_PER_SECOND;
    }

    /** Resident set of {@code pid} and its live descendants, in bytes. */
    long rssBytes(long pid) throws IOException {
        long kb = 0;
        for (long p : withDescendants(pid)) {
            String status = readOrNull(proc.resolve(p + "/status"));
            if (status != null) {
                kb += rssKb(status);
            }
        }
        return kb * 1024;
    }

    /**
     * utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line. The command name (field 2)
     * is in parentheses and may itself hold spaces and parentheses, so fields are counted from the
     * last {@code ')'}.
     *
     * @throws IllegalArgumentException naming the line when it is not a stat line
     */
    static long cpuTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        String[] fields = close < 0 ? new String[0] : statLine.substring(close + 1).strip().split(" +");
        // fields[0] is field 3 (state), so field N sits at N - 3.
        if (fields.length < 13) {
            throw new IllegalArgumentException("not a /proc/PID/stat line [line=" + statLine.strip() + "]");
        }
        try {
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("utime/stime of a /proc/PID/stat line are not numbers [line=" + statLine.strip() + "]", e);
        }
    }

    /**
     * {@code VmRSS} of a {@code /proc/PID/status} text, in KiB; 0 when absent (a zombie has none).
     *
     * @throws IllegalArgumentException when the line is there but holds no number
     */
    static long rssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).strip().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("VmRSS of /proc/PID/status is not a number [line=" + line + "]", e);
                }
            }
        }
        return 0;
    }

    private static List<Long> withDescendants(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    private static String readOrNull(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
