package io.strata.bench.compare;

import io.strata.bench.query.QueryKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The same data as the markdown report, for scripts, with every run's raw value. Keys are a
 * contract with those scripts: add freely, rename none. Missing values are {@code null}.
 *
 * <pre>
 * { date, commit, command, machine{...}, versions{...}, config{...}, complete, problems[], missing[], answerDisagreements[],
 *   figures: [ { key, label, higherIsBetter, servers: { id: { median, min, max, runs[], outcomes[] } }, ratios: { peer: x } } ],
 *   queries: [ { query, kind, servers: { id: { p50: {median,min,max,runs[]}, p99: {...} } } } ],
 *   phases: { id: { phase: medianSeconds } }, ingestTimeline: { id: [samples/s per second of run 1] } }
 * </pre>
 */
final class JsonReport {
    private JsonReport() {}

    static String render(RunContext context, CompareResults results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompareConfig c = context.config();
        try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), bytes)) {
            g.writeStartObject();
            g.writeStringProperty("date", context.date().toString());
            g.writeStringProperty("commit", context.commit());
            g.writeStringProperty("command", c.commandLine());
            g.writeObjectPropertyStart("machine");
            g.writeStringProperty("cpu", context.machine().cpuModel());
            g.writeNumberProperty("cores", context.machine().cores());
            g.writeNumberProperty("memoryBytes", context.machine().memoryBytes());
            g.writeStringProperty("kernel", context.machine().kernel());
            g.writeEndObject();
            g.writeObjectPropertyStart("versions");
            for (Map.Entry<String, String> e : context.versions().entrySet()) {
                g.writeStringProperty(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectPropertyStart("config");
            g.writeNumberProperty("hosts", c.hosts());
            g.writeNumberProperty("series", c.series());
            g.writeNumberProperty("hours", c.hours());
            g.writeNumberProperty("intervalSeconds", CompareConfig.INTERVAL.toSeconds());
            g.writeNumberProperty("runs", c.runs());
            g.writeNumberProperty("liveSeconds", c.liveDuration().toSeconds());
            g.writeNumberProperty("queryWarmup", c.queryWarmup());
            g.writeNumberProperty("queryIterations", c.queryIterations());
            g.writeStringProperty("lastSample", context.lastSample().toString());
            g.writeEndObject();
            g.writeBooleanProperty("complete", results.complete());
            strings(g, "problems", results.problems());
            strings(g, "missing", results.missingFigures());
            strings(g, "answerDisagreements", results.answerDisagreements());
            g.writeArrayPropertyStart("figures");
            for (Figure f : Figure.values()) {
                g.writeStartObject();
                g.writeStringProperty("key", f.key());
                g.writeStringProperty("label", f.label());
                g.writeBooleanProperty("higherIsBetter", f.higherIsBetter());
                g.writeObjectPropertyStart("servers");
                for (ServerKind s : results.servers()) {
                    g.writeObjectPropertyStart(s.id());
                    spread(g, results.values(s, f));
                    strings(g, "outcomes", results.outcomes(s, f));
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeObjectPropertyStart("ratios");
                for (ServerKind p : results.servers().subList(1, results.servers().size())) {
                    number(g, p.id(), results.ratio(f, p));
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("queries");
            for (String q : CompareResults.queryNames()) {
                for (QueryKind kind : QueryKind.values()) {
                    g.writeStartObject();
                    g.writeStringProperty("query", q);
                    g.writeStringProperty("kind", kind.label());
                    g.writeObjectPropertyStart("servers");
                    for (ServerKind s : results.servers()) {
                        g.writeObjectPropertyStart(s.id());
                        g.writeObjectPropertyStart("p50Ms");
                        spread(g, results.queryValues(s, q, kind, false));
                        g.writeEndObject();
                        g.writeObjectPropertyStart("p99Ms");
                        spread(g, results.queryValues(s, q, kind, true));
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeObjectPropertyStart("phaseSeconds");
            for (ServerKind s : results.servers()) {
                g.writeObjectPropertyStart(s.id());
                for (Map.Entry<String, Spread> e : results.phaseSeconds(s).entrySet()) {
                    number(g, e.getKey(), e.getValue().median());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectPropertyStart("ingestTimeline");
            for (ServerKind s : results.servers()) {
                g.writeArrayPropertyStart(s.id());
                for (double v : results.ingestTimeline(s)) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return bytes.toString(StandardCharsets.UTF_8) + "\n";
    }

    private static void spread(JsonGenerator g, double[] runs) {
        Spread s = Spread.of(runs);
        number(g, "median", s.median());
        number(g, "min", s.min());
        number(g, "max", s.max());
        g.writeArrayPropertyStart("runs");
        for (double v : runs) {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, double v) {
        if (Double.isFinite(v)) {
            g.writeNumberProperty(name, v);
        } else {
            g.writeNullProperty(name);
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeArrayPropertyStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
