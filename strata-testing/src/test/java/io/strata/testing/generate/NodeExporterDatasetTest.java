package io.strata.testing.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import io.strata.model.MetricType;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeExporterDatasetTest {
    private static final long START = 1_750_000_000_000L;
    private static final long MINUTE = 60_000;

    @Test
    void exposesExactlyOneHundredSeriesPerHost() {
        assertThat(NodeExporterDataset.SERIES_PER_HOST).isEqualTo(100);
        assertThat(new NodeExporterDataset(1_000, 1).seriesCount()).isEqualTo(100_000);
    }

    @Test
    void rejectsHostCountOutsideRange() {
        assertThatThrownBy(() -> new NodeExporterDataset(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hosts=0");
    }

    @Test
    void sameSeedGivesSameLabelsAndValues() {
        NodeExporterDataset a = new NodeExporterDataset(30, 42);
        NodeExporterDataset b = new NodeExporterDataset(30, 42);
        for (int s = 0; s < a.seriesCount(); s++) {
            assertThat(b.labels(s)).isEqualTo(a.labels(s));
            for (long t = START; t < START + 30 * MINUTE; t += 7 * MINUTE) {
                assertThat(Double.doubleToRawLongBits(b.value(s, t)))
                        .as("series %d at %d", s, t)
                        .isEqualTo(Double.doubleToRawLongBits(a.value(s, t)));
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentData() {
        NodeExporterDataset a = new NodeExporterDataset(10, 1);
        NodeExporterDataset b = new NodeExporterDataset(10, 2);
        int differing = 0;
        for (int s = 0; s < a.seriesCount(); s++) {
            if (a.value(s, START) != b.value(s, START)) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(a.seriesCount() / 2);
    }

    @Test
    void labelsAreUniqueAndCarryTheFleetLabels() {
        NodeExporterDataset d = new NodeExporterDataset(1_000, 7);
        Set<Labels> seen = new HashSet<>();
        Set<String> regions = new HashSet<>();
        Set<String> datacenters = new HashSet<>();
        Set<String> services = new HashSet<>();
        Set<String> teams = new HashSet<>();
        for (int s = 0; s < d.seriesCount(); s++) {
            Labels l = d.labels(s);
            assertThat(seen.add(l)).as("duplicate labels %s", l).isTrue();
            if (s % NodeExporterDataset.SERIES_PER_HOST == 0) {
                assertThat(l.get("instance")).isEqualTo("host-" + d.hostOf(s) + ":9100");
                assertThat(l.get("job")).isEqualTo("node");
                regions.add(l.get("region"));
                datacenters.add(l.get("datacenter"));
                services.add(l.get("service"));
                teams.add(l.get("team"));
            }
            assertThat(l.metricName()).isEqualTo(d.metricName(s));
        }
        assertThat(regions).hasSize(4);
        assertThat(datacenters).hasSize(12);
        assertThat(services).hasSize(24);
        assertThat(teams).hasSize(8);
    }

    @Test
    void countersNeverDecreaseExceptAtResets() {
        NodeExporterDataset d = new NodeExporterDataset(20, 3);
        int resets = 0;
        for (int s = 0; s < d.seriesCount(); s++) {
            if (!d.isCounter(s)) {
                assertThat(d.resetTimeMillis(s, START)).isEqualTo(Long.MIN_VALUE);
                continue;
            }
            double previous = d.value(s, START);
            long previousReset = d.resetTimeMillis(s, START);
            for (long t = START + MINUTE; t <= START + 26 * 60 * MINUTE; t += MINUTE) {
                double v = d.value(s, t);
                long reset = d.resetTimeMillis(s, t);
                assertThat(v).as("series %d at %d", s, t).isGreaterThanOrEqualTo(0);
                if (reset == previousReset) {
                    assertThat(v).as("%s decreased without a reset at %d", d.labels(s), t).isGreaterThanOrEqualTo(previous);
                } else {
                    assertThat(reset).isGreaterThan(t - MINUTE).isLessThanOrEqualTo(t);
                    assertThat(v).as("%s did not restart at %d", d.labels(s), t).isLessThan(previous);
                    resets++;
                }
                previous = v;
                previousReset = reset;
            }
        }
        // Process restarts every 3 to 9 hours: 20 hosts over 26 hours must show many.
        assertThat(resets).isGreaterThan(20);
    }

    @Test
    void histogramBucketsAreCumulativeAndInfEqualsCount() {
        NodeExporterDataset d = new NodeExporterDataset(15, 5);
        for (int host = 0; host < d.hosts(); host++) {
            int firstBucket = firstSeries(d, host, "http_request_duration_seconds_bucket");
            int count = firstSeries(d, host, "http_request_duration_seconds_count");
            int sum = firstSeries(d, host, "http_request_duration_seconds_sum");
            for (long t = START; t < START + 12 * 60 * MINUTE; t += 5 * MINUTE) {
                double previous = 0;
                for (int b = 0; b < 12; b++) {
                    double v = d.value(firstBucket + b, t);
                    assertThat(v).as("bucket %s at %d", d.labels(firstBucket + b).get("le"), t)
                            .isGreaterThanOrEqualTo(previous)
                            .isEqualTo(Math.rint(v));
                    previous = v;
                }
                assertThat(d.labels(firstBucket + 11).get("le")).isEqualTo("+Inf");
                assertThat(previous).isEqualTo(d.value(count, t));
                assertThat(d.value(sum, t)).isGreaterThanOrEqualTo(previous * 0.005);
            }
            assertThat(d.metricType(firstBucket)).isEqualTo(MetricType.HISTOGRAM);
        }
    }

    @Test
    void gaugesHaveTheExportersPrecision() {
        NodeExporterDataset d = new NodeExporterDataset(25, 9);
        for (int s = 0; s < d.seriesCount(); s++) {
            String name = d.metricName(s);
            for (long t = START; t < START + 3 * 60 * MINUTE; t += 10 * MINUTE + 17) {
                double v = d.value(s, t);
                if (name.startsWith("node_memory_") || name.startsWith("node_filesystem_") && name.endsWith("_bytes")
                        || name.equals("process_resident_memory_bytes")) {
                    assertThat(v % 4096).as("%s=%s is whole pages", name, v).isZero();
                }
                if (name.startsWith("node_load") || name.equals("node_cpu_seconds_total")) {
                    assertThat(Math.abs(v * 100 - Math.rint(v * 100))).as("%s=%s has two decimals", name, v)
                            .isLessThan(1e-6);
                }
                if (name.equals("node_uname_info") || name.equals("up")) {
                    assertThat(v).isEqualTo(1);
                }
                if (name.endsWith("_packets_total") || name.endsWith("_completed_total") || name.equals("node_forks_total")) {
                    assertThat(v).isEqualTo(Math.rint(v));
                }
                if (name.equals("node_disk_read_bytes_total") || name.equals("node_disk_written_bytes_total")) {
                    assertThat(v % 512).isZero();
                }
            }
        }
    }

    @Test
    void memoryGaugesAreConsistentWithEachOther() {
        NodeExporterDataset d = new NodeExporterDataset(40, 11);
        for (int host = 0; host < d.hosts(); host++) {
            int total = firstSeries(d, host, "node_memory_MemTotal_bytes");
            int available = firstSeries(d, host, "node_memory_MemAvailable_bytes");
            int free = firstSeries(d, host, "node_memory_MemFree_bytes");
            for (long t = START; t < START + 6 * 60 * MINUTE; t += 13 * MINUTE) {
                assertThat(d.value(free, t)).isLessThanOrEqualTo(d.value(available, t));
                assertThat(d.value(available, t)).isLessThan(d.value(total, t)).isPositive();
                assertThat(d.value(total, t)).isEqualTo(d.value(total, START));
            }
        }
    }

    @Test
    void cpuSecondsGrowAtMostOneSecondPerSecondPerCpu() {
        NodeExporterDataset d = new NodeExporterDataset(10, 13);
        for (int s = 0; s < d.seriesCount(); s++) {
            if (!d.metricName(s).equals("node_cpu_seconds_total")) {
                continue;
            }
            for (long t = START; t < START + 60 * MINUTE; t += MINUTE) {
                double rate = (d.value(s, t + MINUTE) - d.value(s, t)) / 60;
                assertThat(rate).as("%s", d.labels(s)).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void bootTimeMatchesTheResetOfNodeCounters() {
        NodeExporterDataset d = new NodeExporterDataset(5, 17);
        for (int host = 0; host < d.hosts(); host++) {
            int boot = firstSeries(d, host, "node_boot_time_seconds");
            int cpu = firstSeries(d, host, "node_cpu_seconds_total");
            assertThat(d.value(boot, START)).isEqualTo(Math.floor(d.resetTimeMillis(cpu, START) / 1000.0));
        }
    }

    @Test
    void processStartTimeMatchesTheResetOfProcessCounters() {
        NodeExporterDataset d = new NodeExporterDataset(8, 23);
        for (int host = 0; host < d.hosts(); host++) {
            int start = firstSeries(d, host, "process_start_time_seconds");
            int cpu = firstSeries(d, host, "process_cpu_seconds_total");
            int count = firstSeries(d, host, "http_request_duration_seconds_count");
            for (long t = START; t < START + 24 * 60 * MINUTE; t += 37 * MINUTE) {
                long reset = d.resetTimeMillis(cpu, t);
                assertThat(d.resetTimeMillis(count, t)).isEqualTo(reset);
                assertThat(d.value(start, t)).isEqualTo(Math.rint(reset / 10.0) / 100);
            }
        }
    }

    @Test
    void valueAllocatesNothing() {
        NodeExporterDataset d = new NodeExporterDataset(50, 19);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int s = 0; s < d.seriesCount(); s++) {
                sink += d.value(s, START + warm * MINUTE);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // 5,000 samples: a single object per sample would be at least 80,000 bytes.
            assertThat(allocated).as("bytes allocated for %d samples", d.seriesCount()).isLessThan(2_000);
        }
        assertThat(sink).isPositive();
    }

    private static int firstSeries(NodeExporterDataset d, int host, String metric) {
        for (int s = host * NodeExporterDataset.SERIES_PER_HOST; s < (host + 1) * NodeExporterDataset.SERIES_PER_HOST; s++) {
            if (d.metricName(s).equals(metric)) {
                return s;
            }
        }
        throw new AssertionError("no " + metric);
    }
}
