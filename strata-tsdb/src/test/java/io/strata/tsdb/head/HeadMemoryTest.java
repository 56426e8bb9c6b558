package io.strata.tsdb.head;

import static io.strata.tsdb.head.HeadTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head's memory accounting against the budget of about 600 bytes per active series. */
class HeadMemoryTest {
    private static final int SERIES = 10_000;
    private static final long BUDGET_BYTES_PER_SERIES = 600;

    @TempDir
    Path dir;

    @Test
    void nodeExporterLikeSeriesStayUnderTheBudgetAndClosedChunksLeaveTheHeap() throws Exception {
        Labels[] labels = nodeExporterLike(SERIES);
        try (Head head = HeadTestSupport.head(dir)) {
            long[] refs = new long[SERIES];
            long start = NOW - 400 * 10_000L;
            for (int step = 0; step < 400; step++) {
                HeadAppender app = head.appender();
                for (int s = 0; s < SERIES; s++) {
                    app.append(refs[s], labels[s], start + step * 10_000L, (s & 7) == 0 ? step : 42.0);
                    refs[s] = app.lastRef();
                }
                app.commit();
            }
            Head.HeadMemory m = head.memory();
            long labelBytes = 0;
            for (Labels l : labels) {
                labelBytes += l.packedBytes().length;
            }
            assertThat(m.heapBytes() / SERIES).as("heap bytes per series").isLessThan(BUDGET_BYTES_PER_SERIES)
                    .isGreaterThan(labelBytes / SERIES);
            // 400 samples at 10 s: three closed chunks per series are off the heap.
            assertThat(m.chunkCount()).isEqualTo(4L * SERIES);
            assertThat(m.mappedChunkBytes()).isGreaterThan(3L * SERIES * 16);
        }
    }

    /** node_exporter's shape: ten metric names, instance, job, cpu and mode labels, 500 series a host. */
    static Labels[] nodeExporterLike(int n) {
        String[] names = {"node_cpu_seconds_total", "node_memory_MemFree_bytes", "node_network_receive_bytes_total",
            "node_disk_read_bytes_total", "node_filesystem_avail_bytes", "node_load1",
            "node_network_transmit_packets_total", "node_disk_io_time_seconds_total", "node_vmstat_pgfault",
            "node_netstat_Tcp_ActiveOpens"};
        String[] modes = {"idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"};
        Labels[] out = new Labels[n];
        LabelsBuilder b = new LabelsBuilder();
        for (int i = 0; i < n; i++) {
            int k = i % 500;
            b.reset();
            b.add("__name__", names[k % names.length]);
            b.add("instance", "host-" + (i / 500) + ".example.internal:9100");
            b.add("job", "node");
            b.add("cpu", Integer.toString(k / 80));
            b.add("mode", modes[(k / 10) % modes.length]);
            out[i] = b.build();
        }
        return out;
    }
}
