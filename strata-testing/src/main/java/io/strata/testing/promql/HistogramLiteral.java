package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.value.FloatHistogram;
import io.strata.promql.value.FloatHistogram.CounterResetHint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a native histogram literal {@code {{schema:1 sum:3 count:2 buckets:[1 1] offset:-1}}}
 * (FORMAT.md section 4): space-separated {@code key:value} pairs, each key at most once, all
 * optional. Bucket lists hold absolute counts of one span starting at {@code offset}.
 */
final class HistogramLiteral {
    private HistogramLiteral() {
    }

    /** Parses the text between {@code {{} and {@code }}}. */
    static SequenceValue parse(String body) {
        int schema = 0;
        double sum = 0;
        double count = 0;
        double zeroCount = 0;
        double zeroThreshold = 0;
        double[] buckets = new double[0];
        double[] negativeBuckets = new double[0];
        double[] customValues = new double[0];
        int offset = 0;
        int negativeOffset = 0;
        CounterResetHint hint = CounterResetHint.UNKNOWN;
        boolean hintSet = false;
        Set<String> seen = new HashSet<>();
        int i = 0;
        while (i < body.length()) {
            if (isSpace(body.charAt(i))) {
                i++;
                continue;
            }
            int colon = body.indexOf(':', i);
            if (colon < 0) {
                throw bad("expected key:value, got \"" + body.substring(i) + "\"");
            }
            String key = body.substring(i, colon);
            int valueEnd = valueEnd(body, colon + 1);
            String value = body.substring(colon + 1, valueEnd);
            i = valueEnd;
            if (!seen.add(key)) {
                throw bad("duplicate key \"" + key + "\" in histogram");
            }
            switch (key) {
                case "schema" -> schema = integer(key, value);
                case "sum" -> sum = SeriesNumbers.signed(value);
                case "count" -> count = SeriesNumbers.signed(value);
                case "z_bucket" -> zeroCount = SeriesNumbers.signed(value);
                case "z_bucket_w" -> zeroThreshold = SeriesNumbers.unsigned(value);
                case "buckets" -> buckets = list(key, value);
                case "n_buckets" -> negativeBuckets = list(key, value);
                case "custom_values" -> customValues = list(key, value);
                case "offset" -> offset = integer(key, value);
                case "n_offset" -> negativeOffset = integer(key, value);
                case "counter_reset_hint" -> {
                    hint = hint(value);
                    hintSet = true;
                }
                default -> throw bad("unknown histogram key \"" + key + "\"");
            }
        }
        FloatHistogram h = new FloatHistogram(hint, schema, zeroThreshold, zeroCount, count, sum,
                spanOffsets(buckets, offset), spanLengths(buckets), buckets,
                spanOffsets(negativeBuckets, negativeOffset), spanLengths(negativeBuckets), negativeBuckets,
                customValues);
        return SequenceValue.ofHistogram(h, hintSet);
    }

    private static int valueEnd(String body, int start) {
        if (start < body.length() && body.charAt(start) == '[') {
            int close = body.indexOf(']', start);
            if (close < 0) {
                throw bad("unclosed [ in histogram");
            }
            return close + 1;
        }
        int end = start;
        while (end < body.length() && !isSpace(body.charAt(end))) {
            end++;
        }
        return end;
    }

    private static double[] list(String key, String value) {
        if (!value.startsWith("[") || !value.endsWith("]")) {
            throw bad(key + " needs a list like [1 2 3], got \"" + value + "\"");
        }
        List<Double> numbers = new ArrayList<>();
        for (String item : value.substring(1, value.length() - 1).strip().split("[ \t]+")) {
            if (!item.isEmpty()) {
                numbers.add(SeriesNumbers.signed(item));
            }
        }
        if (numbers.isEmpty()) {
            throw bad(key + " needs at least one number");
        }
        return numbers.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int integer(String key, String value) {
        double d = SeriesNumbers.signed(value);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw bad(key + " must be an integer, got \"" + value + "\"");
        }
        return (int) d;
    }

    private static CounterResetHint hint(String value) {
        return switch (value) {
            case "unknown" -> CounterResetHint.UNKNOWN;
            case "reset" -> CounterResetHint.COUNTER_RESET;
            case "not_reset" -> CounterResetHint.NOT_COUNTER_RESET;
            case "gauge" -> CounterResetHint.GAUGE;
            default -> throw bad("counter_reset_hint must be unknown, reset, not_reset or gauge, got \""
                    + value + "\"");
        };
    }

    private static int[] spanOffsets(double[] buckets, int offset) {
        return buckets.length == 0 ? new int[0] : new int[] {offset};
    }

    private static int[] spanLengths(double[] buckets) {
        return buckets.length == 0 ? new int[0] : new int[] {buckets.length};
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static StrataException bad(String message) {
        return new StrataException(ErrorCode.BAD_DATA, message);
    }
}
