package io.strata.bench.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fixed list of queries {@code strata bench query} measures: the shapes dashboards and alerts
 * run most (issue wording in parentheses), each over data that {@code NodeExporterDataset}
 * really holds, so every target has to read and combine real samples. Every query is run both as
 * an instant query and as a range query.
 *
 * <p>The benchmark compares the number of series and points across targets, so the expressions
 * avoid what makes Prometheus 2.x, Prometheus 3.x and VictoriaMetrics legitimately return
 * different ones: no {@code __name__}-dropping function feeds an aggregation without a grouping
 * (2.x would find duplicate label sets), and {@code histogram_quantile} and the ratio are grouped
 * by a label with traffic in every group (no all-NaN series for VictoriaMetrics to drop). Values
 * may differ: VictoriaMetrics computes {@code rate} without extrapolation, and 2.x windows are
 * closed on the left (evaluate away from the samples' grid, as the comparison script does, and
 * 2.x and 3.x see the same samples). Which series {@code topk} keeps over a range depends on those
 * values, so for it only the points are compared ({@link BenchmarkQuery#seriesFollowValues}).
 * {@code count({job="node"})} counts all series: every series of the dataset carries
 * {@code job="node"}, and the selector does not pick up whatever self-monitoring series a server
 * might add.
 */
public final class QuerySuite {
    /** The standard list, in the order of the report. */
    public static final List<BenchmarkQuery> STANDARD = List.of(
            new BenchmarkQuery("sum_rate_by_mode",
                    "sum by (mode) (rate(node_cpu_seconds_total[5m]))",
                    "rate summed by a label"),
            new BenchmarkQuery("histogram_p99",
                    "histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket[5m])))",
                    "histogram_quantile over classic buckets"),
            new BenchmarkQuery("topk_network",
                    "topk(10, rate(node_network_receive_bytes_total{device=\"eth0\"}[5m]))",
                    "topk",
                    true),
            new BenchmarkQuery("cpu_by_instance",
                    "sum by (instance) (rate(node_cpu_seconds_total{mode!=\"idle\"}[5m]))",
                    "per-instance aggregation"),
            new BenchmarkQuery("regex_instances",
                    "sum by (datacenter) (rate(node_network_transmit_bytes_total{instance=~\"host-1.*\", device=\"eth0\"}[5m]))",
                    "regex matcher on a high-cardinality label"),
            new BenchmarkQuery("latency_ratio",
                    "sum by (service) (rate(http_request_duration_seconds_sum[5m]))"
                            + " / sum by (service) (rate(http_request_duration_seconds_count[5m]))",
                    "ratio of sums"),
            new BenchmarkQuery("max_load_1h",
                    "max_over_time(node_load1[1h])",
                    "max_over_time over 1h"),
            new BenchmarkQuery("count_all",
                    "count({job=\"node\"})",
                    "count of all series"));

    private QuerySuite() {}

    /**
     * The queries of {@link #STANDARD} with the given names, in the standard order; all of them
     * when {@code names} is empty.
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static List<BenchmarkQuery> select(List<String> names) {
        if (names.isEmpty()) {
            return STANDARD;
        }
        Set<String> wanted = new LinkedHashSet<>(names);
        List<BenchmarkQuery> selected = new ArrayList<>();
        for (BenchmarkQuery q : STANDARD) {
            if (wanted.remove(q.name())) {
                selected.add(q);
            }
        }
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("unknown query " + wanted.iterator().next() + " [known=" + names() + "]");
        }
        return List.copyOf(selected);
    }

    /** Names of the standard queries, comma separated, for messages. */
    public static String names() {
        return String.join(",", STANDARD.stream().map(BenchmarkQuery::name).toList());
    }
}
