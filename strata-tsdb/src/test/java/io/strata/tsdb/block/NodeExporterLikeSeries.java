package io.strata.tsdb.block;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Label sets shaped like what node_exporter exposes per host (CPU modes per core, disks,
 * filesystems, network devices, many unlabelled memory gauges), 300 series a host, to measure
 * the index on realistic label cardinalities.
 */
public final class NodeExporterLikeSeries {
    private static final String[] CPU_MODES = {"guest", "idle", "iowait", "irq", "nice", "softirq", "steal", "user"};
    private static final String[] DISKS = {"nvme0n1", "sda", "sdb"};
    private static final String[] DISK_METRICS = {"node_disk_io_now", "node_disk_io_time_seconds_total",
        "node_disk_read_bytes_total", "node_disk_read_time_seconds_total", "node_disk_reads_completed_total",
        "node_disk_write_time_seconds_total", "node_disk_writes_completed_total", "node_disk_written_bytes_total"};
    private static final String[][] MOUNTS = {{"/dev/nvme0n1p1", "ext4", "/"}, {"/dev/nvme0n1p2", "vfat", "/boot/efi"},
        {"tmpfs", "tmpfs", "/run"}, {"tmpfs", "tmpfs", "/run/lock"}, {"/dev/sda1", "xfs", "/var/lib/data"}};
    private static final String[] FS_METRICS = {"node_filesystem_avail_bytes", "node_filesystem_device_error",
        "node_filesystem_files", "node_filesystem_files_free", "node_filesystem_free_bytes",
        "node_filesystem_readonly", "node_filesystem_size_bytes"};
    private static final String[] NET_DEVICES = {"docker0", "eth0", "lo"};
    private static final String[] NET_METRICS = {"node_network_receive_bytes_total", "node_network_receive_drop_total",
        "node_network_receive_errs_total", "node_network_receive_packets_total", "node_network_transmit_bytes_total",
        "node_network_transmit_drop_total", "node_network_transmit_errs_total", "node_network_transmit_packets_total",
        "node_network_up", "node_network_mtu_bytes"};
    public static final int SERIES_PER_HOST = 300;

    private NodeExporterLikeSeries() {}

    /** Sorted label sets of {@code hosts} hosts with 8 CPUs each. */
    public static List<Labels> labels(int hosts) {
        TreeSet<Labels> out = new TreeSet<>();
        LabelsBuilder b = new LabelsBuilder();
        for (int h = 0; h < hosts; h++) {
            String instance = "10.40." + (h / 250) + "." + (h % 250) + ":9100";
            List<String[]> perHost = new ArrayList<>();
            for (int cpu = 0; cpu < 8; cpu++) {
                for (String mode : CPU_MODES) {
                    perHost.add(new String[] {"__name__", "node_cpu_seconds_total", "cpu", Integer.toString(cpu), "mode", mode});
                }
            }
            for (String m : DISK_METRICS) {
                for (String d : DISKS) {
                    perHost.add(new String[] {"__name__", m, "device", d});
                }
            }
            for (String m : FS_METRICS) {
                for (String[] mount : MOUNTS) {
                    perHost.add(new String[] {"__name__", m, "device", mount[0], "fstype", mount[1], "mountpoint", mount[2]});
                }
            }
            for (String m : NET_METRICS) {
                for (String d : NET_DEVICES) {
                    perHost.add(new String[] {"__name__", m, "device", d});
                }
            }
            for (int i = 0; perHost.size() < SERIES_PER_HOST; i++) {
                perHost.add(new String[] {"__name__", "node_memory_gauge_" + i + "_bytes"});
            }
            for (String[] pairs : perHost) {
                b.reset();
                b.add("job", "node").add("instance", instance);
                for (int i = 0; i < pairs.length; i += 2) {
                    b.add(pairs[i], pairs[i + 1]);
                }
                out.add(b.build());
            }
        }
        return new ArrayList<>(out);
    }
}
