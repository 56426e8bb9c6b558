package io.strata.server.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads query answers the way Grafana's Prometheus data source does (its backend converter reads
 * the JSON as a stream): {@code resultType} must come before {@code result} and {@code stats}
 * after it, sample times are numbers of seconds and sample values strings Go's
 * {@code strconv.ParseFloat} accepts. Anything Grafana would fail on fails here with a message.
 */
final class GrafanaResponses {
    private static final JsonFactory JSON = new JsonFactory();
    /** Go's ParseFloat syntax for what Prometheus writes: decimals, exponents, NaN, ±Inf. */
    private static final Pattern GO_FLOAT = Pattern.compile("[+-]?(Inf|NaN|([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)");

    /** One series as Grafana turns it into a frame: labels and (time ms, value) pairs. */
    record Frame(Map<String, String> labels, List<long[]> times, List<Double> values) {}

    /** A successful query answer: its result type and frames. */
    record Answer(String resultType, List<Frame> frames, List<String> warnings) {}

    private GrafanaResponses() {}

    static Answer readQuery(String body) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "top level");
            String status = null;
            Answer answer = null;
            List<String> warnings = List.of();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "status" -> status = p.getString();
                    case "data" -> answer = readData(p);
                    case "warnings" -> warnings = readStrings(p);
                    default -> p.skipChildren();
                }
            }
            if (!"success".equals(status) || answer == null) {
                throw new AssertionError("Grafana would report an error for: " + body);
            }
            return new Answer(answer.resultType(), answer.frames(), warnings);
        }
    }

    private static Answer readData(JsonParser p) {
        expect(p.currentToken(), JsonToken.START_OBJECT, "data");
        String resultType = null;
        List<Frame> frames = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "resultType" -> resultType = p.getString();
                case "result" -> {
                    if (resultType == null) {
                        throw new AssertionError("result before resultType: Grafana cannot read it");
                    }
                    frames = switch (resultType) {
                        case "vector", "matrix" -> readSeries(p);
                        case "scalar" -> List.of(new Frame(Map.of(), new ArrayList<>(), new ArrayList<>()));
                        case "string" -> List.of();
                        default -> throw new AssertionError("unknown result type " + resultType);
                    };
                    if (resultType.equals("scalar")) {
                        readPair(p, frames.getFirst());
                    } else if (resultType.equals("string")) {
                        p.skipChildren();
                    }
                }
                case "stats" -> {
                    if (frames == null) {
                        throw new AssertionError("stats before result: Grafana dereferences the frames");
                    }
                    p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
        return new Answer(resultType, frames, List.of());
    }

    private static List<Frame> readSeries(JsonParser p) {
        expect(p.currentToken(), JsonToken.START_ARRAY, "result");
        List<Frame> frames = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Frame frame = new Frame(new TreeMap<>(), new ArrayList<>(), new ArrayList<>());
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "metric" -> {
                        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                            String label = p.currentName();
                            expect(p.nextToken(), JsonToken.VALUE_STRING, "label value");
                            frame.labels().put(label, p.getString());
                        }
                    }
                    case "value" -> readPair(p, frame);
                    case "values" -> {
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            readPairBody(p, frame);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            frames.add(frame);
        }
        return frames;
    }

    private static void readPair(JsonParser p, Frame frame) {
        expect(p.currentToken(), JsonToken.START_ARRAY, "[time, value]");
        readPairBody(p, frame);
    }

    private static void readPairBody(JsonParser p, Frame frame) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new AssertionError("time is not a number: " + t);
        }
        long ms = Math.round(p.getDoubleValue() * 1000);
        expect(p.nextToken(), JsonToken.VALUE_STRING, "sample value");
        String v = p.getString();
        if (!GO_FLOAT.matcher(v).matches()) {
            throw new AssertionError("Go's ParseFloat refuses sample value \"" + v + "\"");
        }
        expect(p.nextToken(), JsonToken.END_ARRAY, "end of [time, value]");
        frame.times().add(new long[] {ms});
        frame.values().add(switch (v) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        });
    }

    private static List<String> readStrings(JsonParser p) {
        List<String> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.VALUE_STRING) {
            out.add(p.getString());
        }
        return out;
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new AssertionError(what + ": expected " + expected + " but found " + actual);
        }
    }
}
