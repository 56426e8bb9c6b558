package io.strata.bench.query;

import io.strata.bench.write.DurationConverter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The outcome of a run: a text table of latencies per query and target (with ratios to a
 * baseline target), the problems that make the run fail, and one JSON line per query, kind and
 * target for scripts. A run is good only when every request got a correct, non-empty answer,
 * all targets agreed on the number of series and points of every query, and nothing was cut short.
 */
final class QueryReport {
    private final QueryConfig config;
    private final Instant started;
    private final List<Measurement> measurements;
    private final List<String> notReady;
    private final boolean complete;
    /** Disagreement per query and kind ({@code name + " " + kind}), only for those that disagree. */
    private final Map<String, String> mismatches = new LinkedHashMap<>();

    QueryReport(QueryConfig config, Instant started, List<Measurement> measurements, List<String> notReady, boolean complete) {
        this.config = config;
        this.started = started;
        this.measurements = List.copyOf(measurements);
        this.notReady = List.copyOf(notReady);
        this.complete = complete;
        int targets = config.targets().size();
        for (int group = 0; group < this.measurements.size(); group += targets) {
            Map<String, AnswerAgreement.Shape> shapes = new LinkedHashMap<>();
            for (Measurement m : this.measurements.subList(group, group + targets)) {
                shapes.put(m.target.name(), new AnswerAgreement.Shape(m.seriesCounts(), m.pointCounts()));
            }
            Measurement first = this.measurements.get(group);
            boolean compareSeries = first.kind == QueryKind.INSTANT || !first.query.seriesFollowValues();
            AnswerAgreement.check(shapes, compareSeries).ifPresent(why -> mismatches.put(key(first), why));
        }
    }

    private static String key(Measurement m) {
        return m.query.name() + " " + m.kind.label();
    }

    /** Every measurement of the run, grouped by query and kind, targets in config order inside a group. */
    List<Measurement> measurements() {
        return measurements;
    }

    /** True when every request succeeded, the targets agreed on the shape of every answer and the run was not cut short. */
    boolean ok() {
        return complete && notReady.isEmpty() && mismatches.isEmpty() && measurements.stream().allMatch(m -> m.errors() == 0);
    }

    /** The problems that make the run fail, one line each, loud enough to notice in a log. */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        for (String n : notReady) {
            p.add("NOT READY " + n);
        }
        mismatches.forEach((k, why) -> p.add("MISMATCH " + k + ": " + why));
        for (Measurement m : measurements) {
            if (m.errors() > 0) {
                p.add(String.format(Locale.ROOT, "ERROR %s %s on %s: %d of %d requests failed; first: %s",
                        m.query.name(), m.kind.label(), m.target.name(), m.errors(), m.attempts(), m.firstError()));
            }
        }
        if (!complete && notReady.isEmpty()) {
            p.add("INCOMPLETE --max-duration " + DurationConverter.format(config.maxDuration()) + " reached; the table holds what was measured");
        }
        return p;
    }

    void printTable(PrintStream out) {
        List<Target> targets = config.targets();
        String baseline = config.baseline();
        List<String> header = new ArrayList<>(List.of("query", "kind", "series"));
        for (Target t : targets) {
            header.add(t.name() + " p50");
            header.add("p90");
            if (baseline != null && !t.name().equals(baseline)) {
                header.add("/" + baseline);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        double[] sums = new double[targets.size()];
        for (int group = 0; group < measurements.size(); group += targets.size()) {
            Measurement first = measurements.get(group);
            List<String> row = new ArrayList<>(List.of(first.query.name(), first.kind.label(), seriesCell(group)));
            for (int i = 0; i < targets.size(); i++) {
                LatencyStats s = measurements.get(group + i).stats();
                sums[i] += s.p50();
                row.add(millis(s.p50()));
                row.add(millis(s.p90()));
                if (baseline != null && !targets.get(i).name().equals(baseline)) {
                    row.add(ratio(s.p50(), baselineStats(group).p50()));
                }
            }
            rows.add(row);
        }
        List<String> total = new ArrayList<>(List.of("sum of medians", "", ""));
        int baselineIndex = baseline == null ? -1 : indexOf(baseline);
        for (int i = 0; i < targets.size(); i++) {
            total.add(millis(sums[i]));
            total.add("");
            if (baseline != null && i != baselineIndex) {
                total.add(ratio(sums[i], sums[baselineIndex]));
            }
        }
        rows.add(total);
        out.printf(Locale.ROOT, "query latency in ms (client side, %d measured runs each; instant at %s, range %s at %s step)%n",
                config.iterations(), config.window().time(), DurationConverter.format(config.window().range()),
                DurationConverter.format(config.window().step()));
        printColumns(out, header, rows);
        List<String> problems = problems();
        if (problems.isEmpty()) {
            out.println("all answers correct and non-empty; all targets agree on the number of series and points of every query");
        } else {
            problems.forEach(out::println);
        }
    }

    private String seriesCell(int group) {
        Measurement first = measurements.get(group);
        if (mismatches.containsKey(key(first))) {
            return "MISMATCH";
        }
        // Targets may differ here only where series follow values (topk over a range): show the span.
        IntSummaryStatistics series = measurements.subList(group, group + config.targets().size()).stream()
                .filter(m -> m.series() >= 0).mapToInt(Measurement::series).summaryStatistics();
        if (series.getCount() == 0) {
            return "-";
        }
        return series.getMin() == series.getMax() ? Integer.toString(series.getMin()) : series.getMin() + "-" + series.getMax();
    }

    private LatencyStats baselineStats(int group) {
        return measurements.get(group + indexOf(config.baseline())).stats();
    }

    private int indexOf(String target) {
        for (int i = 0; i < config.targets().size(); i++) {
            if (config.targets().get(i).name().equals(target)) {
                return i;
            }
        }
        throw new IllegalStateException("BUG: baseline " + target + " is not a target; QueryConfig checks it");
    }

    private static void printColumns(PrintStream out, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (List<String> r : concat(header, rows)) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : concat(header, rows)) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                // Names left-aligned, numbers right-aligned so their digits line up.
                String pad = " ".repeat(width[i] - cell.length());
                sb.append(i < 2 ? cell + pad : pad + cell).append(i == r.size() - 1 ? "" : "  ");
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
    }

    static String ratio(double value, double base) {
        if (Double.isNaN(value) || Double.isNaN(base) || base <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", value / base);
    }

    /** One JSON object per query, kind and target, each followed by a newline. Keys are a contract: add, never rename. */
    String toJsonLines() {
        StringBuilder sb = new StringBuilder();
        for (Measurement m : measurements) {
            sb.append(toJson(m)).append('\n');
        }
        return sb.toString();
    }

    private String toJson(Measurement m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), bytes)) {
            g.writeStartObject();
            g.writeStringProperty("started", started.toString());
            g.writeStringProperty("target", m.target.name());
            g.writeStringProperty("url", m.target.base().toString());
            g.writeStringProperty("query", m.query.name());
            g.writeStringProperty("kind", m.kind.label());
            g.writeStringProperty("expr", m.query.expr());
            g.writeStringProperty("time", config.window().time().toString());
            g.writeNumberProperty("rangeSeconds", config.window().range().toMillis() / 1000.0);
            g.writeNumberProperty("stepSeconds", config.window().step().toMillis() / 1000.0);
            g.writeNumberProperty("warmup", config.warmup());
            g.writeNumberProperty("iterations", config.iterations());
            g.writeNumberProperty("attempts", m.attempts());
            g.writeNumberProperty("errors", m.errors());
            if (m.firstError() != null) {
                g.writeStringProperty("firstError", m.firstError());
            }
            g.writeNumberProperty("series", m.series());
            g.writeNumberProperty("points", m.points());
            g.writeNumberProperty("responseBytes", m.bytes());
            LatencyStats s = m.stats();
            g.writeObjectPropertyStart("latencyMillis");
            g.writeNumberProperty("count", s.count());
            if (s.count() > 0) {
                g.writeNumberProperty("min", s.min());
                g.writeNumberProperty("p50", s.p50());
                g.writeNumberProperty("p90", s.p90());
                g.writeNumberProperty("p99", s.p99());
                g.writeNumberProperty("max", s.max());
                g.writeNumberProperty("mean", s.mean());
            }
            g.writeEndObject();
            Optional<String> mismatch = Optional.ofNullable(mismatches.get(key(m)));
            g.writeBooleanProperty("agree", mismatch.isEmpty());
            if (mismatch.isPresent()) {
                g.writeStringProperty("mismatch", mismatch.get());
            }
            g.writeBooleanProperty("complete", complete && notReady.isEmpty());
            g.writeObjectPropertyStart("tags");
            for (Map.Entry<String, String> e : new TreeMap<>(config.tags()).entrySet()) {
                g.writeStringProperty(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Appends the JSON lines to {@code file}, creating it and its folder when missing. */
    void appendJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJsonLines(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
