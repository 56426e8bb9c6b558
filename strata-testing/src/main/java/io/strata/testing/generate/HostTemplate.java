package io.strata.testing.generate;

import io.strata.model.MetricType;
import java.util.ArrayList;
import java.util.List;

/**
 * The series every generated host exposes, in a fixed order: series {@code s} of the dataset is
 * slot {@code s % SLOTS} of host {@code s / SLOTS}. A fixed layout keeps the mapping from series
 * index to host and metric two integer operations, and makes the series count exactly
 * {@code hosts * SLOTS}.
 */
final class HostTemplate {
    static final String[] CPU_MODES = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    /** Share of the busy time spent in each mode of {@link #CPU_MODES}; idle takes the rest. */
    static final double[] CPU_BUSY_SHARE = {0, 0.06, 0.02, 0.04, 0.05, 0.03, 0.25, 0.55};

    static final int CPUS = 4;
    static final String[] FILESYSTEM_MOUNTS = {"/", "/data"};
    static final String[] FILESYSTEM_DEVICES = {"/dev/nvme0n1p1", "/dev/nvme1n1"};
    static final String[] FILESYSTEM_TYPES = {"ext4", "xfs"};
    static final String[] NETWORK_DEVICES = {"eth0", "lo"};
    static final String[] DISK_DEVICES = {"nvme0n1", "nvme1n1"};
    /** Classic bucket bounds, Prometheus client libraries' defaults; the last one is +Inf. */
    static final double[] HTTP_BUCKET_BOUNDS = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Double.POSITIVE_INFINITY
    };
    static final String[] HTTP_BUCKET_LABELS = {
        "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"
    };

    /** One series of the template. {@code labels} alternate names and values, {@code param} selects a CPU, device or bucket. */
    record Slot(String metricName, MetricType type, SeriesKind kind, int param, String... labels) {}

    static final List<Slot> SLOTS = build();
    static final int SIZE = SLOTS.size();

    private HostTemplate() {}

    private static List<Slot> build() {
        List<Slot> s = new ArrayList<>();
        for (int cpu = 0; cpu < CPUS; cpu++) {
            for (int mode = 0; mode < CPU_MODES.length; mode++) {
                s.add(new Slot("node_cpu_seconds_total", MetricType.COUNTER, SeriesKind.CPU_SECONDS,
                        cpu * CPU_MODES.length + mode, "cpu", Integer.toString(cpu), "mode", CPU_MODES[mode]));
            }
        }
        s.add(gauge("node_load1", SeriesKind.LOAD1));
        s.add(gauge("node_load5", SeriesKind.LOAD5));
        s.add(gauge("node_load15", SeriesKind.LOAD15));
        s.add(gauge("node_memory_MemTotal_bytes", SeriesKind.MEMORY_TOTAL));
        s.add(gauge("node_memory_MemFree_bytes", SeriesKind.MEMORY_FREE));
        s.add(gauge("node_memory_MemAvailable_bytes", SeriesKind.MEMORY_AVAILABLE));
        s.add(gauge("node_memory_Buffers_bytes", SeriesKind.MEMORY_BUFFERS));
        s.add(gauge("node_memory_Cached_bytes", SeriesKind.MEMORY_CACHED));
        s.add(gauge("node_memory_Active_bytes", SeriesKind.MEMORY_ACTIVE));
        s.add(gauge("node_memory_Inactive_bytes", SeriesKind.MEMORY_INACTIVE));
        s.add(gauge("node_memory_Dirty_bytes", SeriesKind.MEMORY_DIRTY));
        s.add(gauge("node_memory_SwapTotal_bytes", SeriesKind.SWAP_TOTAL));
        s.add(gauge("node_memory_SwapFree_bytes", SeriesKind.SWAP_FREE));
        String[][] fs = {
            {"node_filesystem_size_bytes", "FILESYSTEM_SIZE"},
            {"node_filesystem_avail_bytes", "FILESYSTEM_AVAILABLE"},
            {"node_filesystem_free_bytes", "FILESYSTEM_FREE"},
            {"node_filesystem_files", "FILESYSTEM_FILES"},
            {"node_filesystem_files_free", "FILESYSTEM_FILES_FREE"},
        };
        for (String[] metric : fs) {
            for (int i = 0; i < FILESYSTEM_MOUNTS.length; i++) {
                s.add(new Slot(metric[0], MetricType.GAUGE, SeriesKind.valueOf(metric[1]), i,
                        "device", FILESYSTEM_DEVICES[i], "fstype", FILESYSTEM_TYPES[i], "mountpoint", FILESYSTEM_MOUNTS[i]));
            }
        }
        String[] directions = {"receive", "transmit"};
        for (String unit : new String[] {"bytes", "packets"}) {
            for (int direction = 0; direction < 2; direction++) {
                for (int device = 0; device < NETWORK_DEVICES.length; device++) {
                    s.add(new Slot("node_network_" + directions[direction] + "_" + unit + "_total", MetricType.COUNTER,
                            unit.equals("bytes") ? SeriesKind.NETWORK_BYTES : SeriesKind.NETWORK_PACKETS,
                            device * 2 + direction, "device", NETWORK_DEVICES[device]));
                }
            }
        }
        String[][] disk = {
            {"node_disk_read_bytes_total", "DISK_BYTES", "0"},
            {"node_disk_written_bytes_total", "DISK_BYTES", "1"},
            {"node_disk_reads_completed_total", "DISK_OPERATIONS", "0"},
            {"node_disk_writes_completed_total", "DISK_OPERATIONS", "1"},
            {"node_disk_io_time_seconds_total", "DISK_IO_SECONDS", "0"},
        };
        for (String[] metric : disk) {
            for (int device = 0; device < DISK_DEVICES.length; device++) {
                s.add(new Slot(metric[0], MetricType.COUNTER, SeriesKind.valueOf(metric[1]),
                        device * 2 + Integer.parseInt(metric[2]), "device", DISK_DEVICES[device]));
            }
        }
        s.add(counter("node_context_switches_total", SeriesKind.CONTEXT_SWITCHES));
        s.add(counter("node_intr_total", SeriesKind.INTERRUPTS));
        s.add(counter("node_forks_total", SeriesKind.FORKS));
        s.add(gauge("node_procs_running", SeriesKind.PROCESSES_RUNNING));
        s.add(gauge("node_procs_blocked", SeriesKind.PROCESSES_BLOCKED));
        s.add(gauge("node_boot_time_seconds", SeriesKind.BOOT_TIME));
        s.add(gauge("node_time_seconds", SeriesKind.TIME));
        // nodename and release are per host; NodeExporterDataset adds them.
        s.add(new Slot("node_uname_info", MetricType.GAUGE, SeriesKind.CONSTANT_ONE, 0,
                "machine", "x86_64", "sysname", "Linux"));
        s.add(counter("process_cpu_seconds_total", SeriesKind.PROCESS_CPU_SECONDS));
        s.add(gauge("process_resident_memory_bytes", SeriesKind.PROCESS_RESIDENT_MEMORY));
        s.add(gauge("process_start_time_seconds", SeriesKind.PROCESS_START_TIME));
        s.add(gauge("process_open_fds", SeriesKind.PROCESS_OPEN_FDS));
        for (int b = 0; b < HTTP_BUCKET_BOUNDS.length; b++) {
            s.add(new Slot("http_request_duration_seconds_bucket", MetricType.HISTOGRAM, SeriesKind.HTTP_BUCKET, b,
                    "handler", "/api/v1/orders", "method", "GET", "le", HTTP_BUCKET_LABELS[b]));
        }
        s.add(new Slot("http_request_duration_seconds_sum", MetricType.HISTOGRAM, SeriesKind.HTTP_SUM, 0,
                "handler", "/api/v1/orders", "method", "GET"));
        s.add(new Slot("http_request_duration_seconds_count", MetricType.HISTOGRAM, SeriesKind.HTTP_COUNT, 0,
                "handler", "/api/v1/orders", "method", "GET"));
        s.add(gauge("up", SeriesKind.CONSTANT_ONE));
        return List.copyOf(s);
    }

    private static Slot gauge(String name, SeriesKind kind) {
        return new Slot(name, MetricType.GAUGE, kind, 0);
    }

    private static Slot counter(String name, SeriesKind kind) {
        return new Slot(name, MetricType.COUNTER, kind, 0);
    }
}
