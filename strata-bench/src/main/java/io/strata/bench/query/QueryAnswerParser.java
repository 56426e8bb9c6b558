package io.strata.bench.query;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a Prometheus API JSON body in one streaming pass and counts series and points without
 * building a tree: a range answer of 100,000 series would otherwise cost the benchmark more
 * memory and time than the query itself. Field order is not assumed ({@code resultType} may come
 * after {@code result}). Thread-safe: one parser per call.
 */
public final class QueryAnswerParser {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_ERROR_CHARS = 500;

    private QueryAnswerParser() {}

    /** Parses {@code body}; a body that is not the API's JSON gives an answer with a null status and the reason in {@code error}. */
    public static QueryAnswer parse(int httpStatus, byte[] body) {
        Builder b = new Builder(httpStatus, body.length);
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return b.notJson("the body is not a JSON object", body);
            }
            readTop(p, b);
        } catch (JacksonException e) {
            return b.notJson("the body is not valid JSON (" + e.getOriginalMessage() + ")", body);
        }
        return b.build();
    }

    private static void readTop(JsonParser p, Builder b) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "status" -> b.status = text(p, t);
                case "errorType" -> b.errorType = text(p, t);
                case "error" -> b.error = text(p, t);
                case "warnings" -> b.warnings = countElements(p, t);
                case "data" -> {
                    if (t == JsonToken.START_OBJECT) {
                        readData(p, b);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private static void readData(JsonParser p, Builder b) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (name.equals("resultType")) {
                b.resultType = text(p, t);
            } else if (name.equals("result") && t == JsonToken.START_ARRAY) {
                readResult(p, b);
            } else {
                p.skipChildren();
            }
        }
    }

    /** {@code result} is either a list of series objects (vector, matrix) or one {@code [time, "value"]} pair (scalar, string). */
    private static void readResult(JsonParser p, Builder b) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            b.series = 1;
            b.points = 1;
            // The pair's second element is the value string.
            if (p.nextToken() != JsonToken.END_ARRAY) {
                b.offerValue(p.getValueAsString());
                skipToEndOfArray(p);
            }
            return;
        }
        while (t == JsonToken.START_OBJECT) {
            b.series++;
            readSeries(p, b);
            t = p.nextToken();
        }
    }

    private static void readSeries(JsonParser p, Builder b) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "value" -> {
                    b.points++;
                    readPair(p, b, t);
                }
                case "values" -> {
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            b.points++;
                            readPair(p, b, JsonToken.START_ARRAY);
                        }
                    }
                }
                case "histogram" -> {
                    b.points++;
                    p.skipChildren();
                }
                case "histograms" -> b.points += countElements(p, t);
                default -> p.skipChildren();
            }
        }
    }

    /** Reads a {@code [time, "value"]} pair whose START_ARRAY is the current token, keeping the first value seen. */
    private static void readPair(JsonParser p, Builder b, JsonToken current) {
        if (current != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        if (p.nextToken() == JsonToken.END_ARRAY) {
            return;
        }
        if (p.nextToken() == JsonToken.END_ARRAY) {
            return;
        }
        b.offerValue(p.getValueAsString());
        skipToEndOfArray(p);
    }

    private static void skipToEndOfArray(JsonParser p) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            p.skipChildren();
        }
    }

    private static int countElements(JsonParser p, JsonToken current) {
        if (current != JsonToken.START_ARRAY) {
            p.skipChildren();
            return 0;
        }
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            n++;
            p.skipChildren();
        }
        return n;
    }

    private static String text(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        p.skipChildren();
        return null;
    }

    private static final class Builder {
        final int httpStatus;
        final int bytes;
        String status;
        String errorType;
        String error;
        String resultType;
        int series;
        long points;
        String firstValue;
        int warnings;

        Builder(int httpStatus, int bytes) {
            this.httpStatus = httpStatus;
            this.bytes = bytes;
        }

        void offerValue(String v) {
            if (firstValue == null) {
                firstValue = v;
            }
        }

        QueryAnswer notJson(String why, byte[] body) {
            String start = new String(body, 0, Math.min(body.length, MAX_ERROR_CHARS), StandardCharsets.UTF_8).strip();
            return new QueryAnswer(httpStatus, null, null, why + (start.isEmpty() ? "" : ": " + start), null, 0, 0, null, 0, bytes);
        }

        QueryAnswer build() {
            return new QueryAnswer(httpStatus, status, errorType, error, resultType, series, points, firstValue, warnings, bytes);
        }
    }
}
