package io.strata.bench.compare;

import io.strata.bench.query.QueryKind;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generated section of {@code docs/benchmarks.md}: context, the figure table (median and
 * min–max per server, ratio Strata/peer), the query table, the charts and the phase times.
 */
final class MarkdownReport {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final RunContext context;
    private final CompareResults results;

    MarkdownReport(RunContext context, CompareResults results) {
        this.context = context;
        this.results = results;
    }

    /**
     * The section's markdown.
     *
     * @param charts chart files, linked relative to {@code markdownFile}'s directory; absent files are not linked
     */
    String render(Path markdownFile, List<Path> charts) {
        CompareConfig c = context.config();
        StringBuilder md = new StringBuilder();
        md.append("## Side by side: `./strata bench compare` (generated)\n\n");
        md.append("This section is written by the command below; edits here are lost at its next run.\n\n");
        md.append("- **Date**: ").append(DATE.format(context.date())).append("; **Strata commit** `").append(context.commit()).append("`\n");
        md.append("- **Command**: `").append(c.commandLine()).append("`\n");
        md.append("- **Machine**: ").append(context.machine().describe()).append("; the load generator shares it\n");
        md.append("- **Versions**: ");
        boolean first = true;
        for (Map.Entry<String, String> e : context.versions().entrySet()) {
            md.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
            first = false;
        }
        md.append('\n');
        long steps = c.backfill().toMillis() / CompareConfig.INTERVAL.toMillis();
        md.append(String.format(Locale.ROOT, "- **Data**: %,d hosts × 100 = %,d series, %s h backfilled at 10 s (%,d samples, last at %s), "
                        + "then %d s live at %,d samples/s; %d warm-up and %d measured runs per query%n",
                c.hosts(), c.series(), Numbers.value(c.hours()), steps * c.series(), context.lastSample(),
                c.liveDuration().toSeconds(), c.series() / CompareConfig.INTERVAL.toSeconds(), c.queryWarmup(), c.queryIterations()));
        md.append(String.format(Locale.ROOT, "- **Runs**: %d, one server at a time, order rotated between runs; "
                + "figures are the median over runs with the min–max range in parentheses%n", c.runs()));
        if (c.runs() < 3) {
            md.append("- **Warning**: fewer than 3 runs; the spread says little and the medians are not robust\n");
        }
        md.append('\n');
        md.append(figureTable());
        md.append('\n');
        appendNotes(md);
        md.append("\n### Query latency, ms\n\n");
        md.append("Median over runs of each run's median latency; p99 over each run's measured iterations below it.\n\n");
        md.append(queryTable());
        List<String> disagreements = results.answerDisagreements();
        md.append(disagreements.isEmpty()
                ? "\nEvery server returned the same number of series for every instant query.\n"
                : "\nThe servers returned different numbers of series for some instant queries:\n");
        disagreements.forEach(d -> md.append("- ").append(d).append('\n'));
        md.append("\n### Charts\n\n");
        Path mdDir = markdownFile.toAbsolutePath().getParent();
        for (Path chart : charts) {
            String rel = mdDir.relativize(chart.toAbsolutePath()).toString().replace('\\', '/');
            String name = chart.getFileName().toString();
            md.append("![").append(name.substring(0, name.lastIndexOf('.'))).append("](").append(rel).append(")\n\n");
        }
        md.append("### Phase times, seconds (median per round)\n\n");
        md.append(phaseTable());
        List<String> problems = results.problems();
        List<String> missing = results.missingFigures();
        if (!problems.isEmpty() || !missing.isEmpty()) {
            md.append("\n### Problems\n\n");
            problems.forEach(p -> md.append("- ").append(p).append('\n'));
            missing.forEach(m -> md.append("- missing: ").append(m).append('\n'));
        }
        return md.toString();
    }

    /** The figure table alone; also what the command prints. */
    String figureTable() {
        List<ServerKind> servers = results.servers();
        StringBuilder t = new StringBuilder("| figure |");
        servers.forEach(s -> t.append(' ').append(s.title()).append(" |"));
        results.servers().subList(1, servers.size()).forEach(p -> t.append(" Strata / ").append(p.title()).append(" |"));
        t.append("\n|---|");
        t.append("---|".repeat(servers.size() * 2 - 1)).append('\n');
        for (Figure f : Figure.values()) {
            t.append("| ").append(f.label()).append(" |");
            for (ServerKind s : servers) {
                Spread spread = results.spread(s, f);
                List<String> outcomes = results.outcomes(s, f);
                String cell = spread.present() ? Numbers.spread(spread) : "";
                if (!outcomes.isEmpty()) {
                    cell += (cell.isEmpty() ? "" : "; ") + String.join("; ", outcomes);
                }
                t.append(' ').append(cell.isEmpty() ? "n/a" : cell).append(" |");
            }
            for (ServerKind p : servers.subList(1, servers.size())) {
                t.append(' ').append(Numbers.ratio(results.ratio(f, p))).append(" |");
            }
            t.append('\n');
        }
        return t.toString();
    }

    private void appendNotes(StringBuilder md) {
        md.append("Lower is better except for the ingest rate. How the disk figures were taken:\n");
        context.notes().forEach((server, note) -> md.append("- ").append(server).append(": ").append(note).append('\n'));
        md.append("- every byte figure is divided by the samples accepted in the backfill and the live phase\n");
    }

    private String queryTable() {
        List<ServerKind> servers = results.servers();
        StringBuilder t = new StringBuilder("| query | kind |");
        servers.forEach(s -> t.append(' ').append(s.title()).append(" p50 |"));
        servers.subList(1, servers.size()).forEach(p -> t.append(" Strata / ").append(p.title()).append(" |"));
        servers.forEach(s -> t.append(' ').append(s.title()).append(" p99 |"));
        t.append("\n|---|---|").append("---|".repeat(servers.size() * 3 - 1)).append('\n');
        for (String q : CompareResults.queryNames()) {
            for (QueryKind kind : QueryKind.values()) {
                t.append("| ").append(q).append(" | ").append(kind.label()).append(" |");
                for (ServerKind s : servers) {
                    t.append(' ').append(Numbers.spread(results.querySpread(s, q, kind, false))).append(" |");
                }
                for (ServerKind p : servers.subList(1, servers.size())) {
                    t.append(' ').append(Numbers.ratio(Spread.ratio(results.querySpread(ServerKind.STRATA, q, kind, false),
                            results.querySpread(p, q, kind, false)))).append(" |");
                }
                for (ServerKind s : servers) {
                    t.append(' ').append(Numbers.value(results.querySpread(s, q, kind, true).median())).append(" |");
                }
                t.append('\n');
            }
        }
        t.append(sumOfMediansRow(servers));
        return t.toString();
    }

    /** The total of every query's median per server: one figure for "faster overall", with its ratios. */
    private String sumOfMediansRow(List<ServerKind> servers) {
        double[] sums = new double[servers.size()];
        for (int i = 0; i < servers.size(); i++) {
            for (String q : CompareResults.queryNames()) {
                for (QueryKind kind : QueryKind.values()) {
                    sums[i] += results.querySpread(servers.get(i), q, kind, false).median();
                }
            }
        }
        StringBuilder row = new StringBuilder("| **sum of medians** | |");
        for (double sum : sums) {
            row.append(" **").append(Numbers.value(sum)).append("** |");
        }
        for (int i = 1; i < servers.size(); i++) {
            row.append(" **").append(Numbers.ratio(sums[0] / sums[i])).append("** |");
        }
        row.append(" |".repeat(servers.size())).append('\n');
        return row.toString();
    }

    private String phaseTable() {
        List<ServerKind> servers = results.servers();
        StringBuilder t = new StringBuilder("| phase |");
        servers.forEach(s -> t.append(' ').append(s.title()).append(" |"));
        t.append("\n|---|").append("---|".repeat(servers.size())).append('\n');
        java.util.Set<String> phases = new java.util.LinkedHashSet<>();
        servers.forEach(s -> phases.addAll(results.phaseSeconds(s).keySet()));
        for (String phase : phases) {
            t.append("| ").append(phase).append(" |");
            for (ServerKind s : servers) {
                Spread sp = results.phaseSeconds(s).get(phase);
                t.append(' ').append(sp == null ? "n/a" : Numbers.value(sp.median())).append(" |");
            }
            t.append('\n');
        }
        t.append(String.format(Locale.ROOT, "%nAll %d rounds took %.1f minutes.%n", results.rounds().size(), results.totalSeconds() / 60));
        return t.toString();
    }
}
