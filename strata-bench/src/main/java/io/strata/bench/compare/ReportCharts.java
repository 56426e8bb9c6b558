package io.strata.bench.compare;

import io.strata.bench.query.QueryKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Renders the report's charts into the charts directory and returns their paths. */
final class ReportCharts {
    static final String INGEST = "ingest.png";

    private ReportCharts() {}

    static List<Path> write(CompareResults results, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        List<ChartRenderer.Series> lines = new ArrayList<>();
        for (ServerKind s : results.servers()) {
            lines.add(new ChartRenderer.Series(s.id(), ChartRenderer.color(s), results.ingestTimeline(s)));
        }
        Path ingest = dir.resolve(INGEST);
        ChartRenderer.write(ChartRenderer.lineChart("Backfill ingest rate over time (run 1)", "samples/s",
                "seconds since the first accepted sample", lines), ingest);
        files.add(ingest);
        for (QueryKind kind : QueryKind.values()) {
            List<ChartRenderer.Series> bars = new ArrayList<>();
            List<String> names = CompareResults.queryNames();
            for (ServerKind s : results.servers()) {
                double[] medians = new double[names.size()];
                for (int i = 0; i < names.size(); i++) {
                    medians[i] = results.querySpread(s, names.get(i), kind, false).median();
                }
                bars.add(new ChartRenderer.Series(s.id(), ChartRenderer.color(s), medians));
            }
            Path file = dir.resolve("query-" + kind.label() + ".png");
            ChartRenderer.write(ChartRenderer.logBarChart("Median " + kind.label() + " query latency (log scale)", "ms",
                    names, bars), file);
            files.add(file);
        }
        return files;
    }
}
