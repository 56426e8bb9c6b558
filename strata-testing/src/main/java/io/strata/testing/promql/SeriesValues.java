package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.value.FloatHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Expands the value part of a series line (FORMAT.md section 3.1): items separated by spaces or
 * tabs, each one of {@code N}, {@code _}, {@code _xK}, {@code stale}, {@code AxK}, {@code A+DxK},
 * {@code A-DxK}, {@code {{H}}}, {@code {{H}}xK}, {@code {{H}}+{{I}}xK} or {@code {{H}}-{{I}}xK}.
 * Steps are computed by adding D again and again in double precision, as Prometheus does, so
 * {@code 0+0.1x3} ends in 0.30000000000000004.
 */
final class SeriesValues {
    /** Far above the corpus's largest expansion (x10000), low enough that a typo cannot exhaust the heap. */
    static final int MAX_POSITIONS = 1_000_000;

    private SeriesValues() {
    }

    static List<SequenceValue> expand(String text) {
        List<SequenceValue> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (isSpace(text.charAt(i))) {
                i++;
                continue;
            }
            int end;
            if (text.startsWith("{{", i)) {
                end = histogramItem(text, i, out);
            } else {
                end = i;
                while (end < text.length() && !isSpace(text.charAt(end))) {
                    end++;
                }
                floatItem(text.substring(i, end), out);
            }
            if (end < text.length() && !isSpace(text.charAt(end))) {
                throw bad("unexpected \"" + text.substring(end) + "\" after a value: separate values by spaces");
            }
            if (out.size() > MAX_POSITIONS) {
                throw bad("a series line may expand to at most " + MAX_POSITIONS + " values");
            }
            i = end;
        }
        return out;
    }

    private static void floatItem(String item, List<SequenceValue> out) {
        if (item.equals("_")) {
            out.add(SequenceValue.OMITTED);
            return;
        }
        if (item.startsWith("_")) {
            if (!item.startsWith("_x")) {
                throw bad("bad value \"" + item + "\": after _ only xK may follow");
            }
            repeat(SequenceValue.OMITTED, SeriesNumbers.repetitions(item.substring(2), MAX_POSITIONS), out);
            return;
        }
        if (item.equals("stale")) {
            out.add(SequenceValue.STALE);
            return;
        }
        int baseEnd = signedNumberEnd(item, 0);
        String baseText = item.substring(0, baseEnd);
        double base = baseValue(baseText, item);
        String rest = item.substring(baseEnd);
        if (rest.isEmpty()) {
            out.add(SequenceValue.ofFloat(base));
        } else if (rest.charAt(0) == 'x') {
            int times = SeriesNumbers.repetitions(rest.substring(1), MAX_POSITIONS);
            repeat(SequenceValue.ofFloat(base), times + 1, out);
        } else if (rest.charAt(0) == '+' || rest.charAt(0) == '-') {
            int deltaEnd = numberEnd(rest, 1);
            if (deltaEnd == 1) {
                throw bad("bad value \"" + item + "\": a number must follow " + rest.charAt(0));
            }
            double delta = SeriesNumbers.unsigned(rest.substring(1, deltaEnd));
            if (rest.charAt(0) == '-') {
                delta = -delta;
            }
            String times = rest.substring(deltaEnd);
            if (!times.startsWith("x")) {
                throw bad("bad value \"" + item + "\": a step needs a count, as in " + baseText + rest.substring(0, deltaEnd)
                        + "xK");
            }
            int count = SeriesNumbers.repetitions(times.substring(1), MAX_POSITIONS);
            double value = base;
            out.add(SequenceValue.ofFloat(value));
            for (int k = 1; k <= count && out.size() <= MAX_POSITIONS; k++) {
                value += delta;
                out.add(SequenceValue.ofFloat(value));
            }
        } else {
            throw bad("bad value \"" + item + "\"");
        }
    }

    private static double baseValue(String baseText, String item) {
        String unsigned = baseText.startsWith("+") || baseText.startsWith("-") ? baseText.substring(1) : baseText;
        if (unsigned.isEmpty()) {
            throw bad("bad value \"" + item + "\": expected a number, _ or stale");
        }
        if (Character.isLetter(unsigned.charAt(0)) && !unsigned.equalsIgnoreCase("inf")
                && !unsigned.equalsIgnoreCase("nan")) {
            String lower = unsigned.toLowerCase(Locale.ROOT);
            boolean repeatedWord = lower.startsWith("inf") || lower.startsWith("nan") || lower.startsWith("stale");
            throw bad("bad value \"" + item + "\": expected a number, _ or stale"
                    + (repeatedWord ? " (Inf, NaN and stale cannot take xK: write them out)" : ""));
        }
        return SeriesNumbers.signed(baseText);
    }

    /** End of an optional sign plus a number or a word (Inf, NaN, or an identifier to reject). */
    private static int signedNumberEnd(String s, int start) {
        int i = start;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i < s.length() && Character.isLetter(s.charAt(i))) {
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            return i;
        }
        return numberEnd(s, i);
    }

    /** End of a decimal number starting at {@code start}: digits, one dot, an exponent. */
    private static int numberEnd(String s, int start) {
        int i = start;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i > start && i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int e = i + 1;
            if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            int digits = e;
            while (e < s.length() && isDigit(s.charAt(e))) {
                e++;
            }
            if (e > digits) {
                i = e;
            }
        }
        return i;
    }

    private static int histogramItem(String text, int start, List<SequenceValue> out) {
        int close = closingBraces(text, start);
        SequenceValue base = HistogramLiteral.parse(text.substring(start + 2, close));
        int i = close + 2;
        if (i >= text.length() || isSpace(text.charAt(i))) {
            out.add(base);
            return i;
        }
        char op = text.charAt(i);
        if (op == 'x') {
            int end = wordEnd(text, i + 1);
            repeat(base, SeriesNumbers.repetitions(text.substring(i + 1, end), MAX_POSITIONS) + 1, out);
            return end;
        }
        if ((op != '+' && op != '-') || !text.startsWith("{{", i + 1)) {
            throw bad("unexpected \"" + text.substring(i) + "\" after a histogram");
        }
        int incrementClose = closingBraces(text, i + 1);
        SequenceValue increment = HistogramLiteral.parse(text.substring(i + 3, incrementClose));
        int x = incrementClose + 2;
        if (x >= text.length() || text.charAt(x) != 'x') {
            throw bad("a histogram step needs a count, as in {{...}}" + op + "{{...}}xK");
        }
        int end = wordEnd(text, x + 1);
        int count = SeriesNumbers.repetitions(text.substring(x + 1, end), MAX_POSITIONS);
        FloatHistogram current = base.histogram();
        out.add(base);
        for (int k = 1; k <= count && out.size() <= MAX_POSITIONS; k++) {
            current = op == '+'
                    ? HistogramArithmetic.add(current, increment.histogram())
                    : HistogramArithmetic.subtract(current, increment.histogram());
            out.add(SequenceValue.ofHistogram(current, base.counterResetHintSet()));
        }
        return end;
    }

    private static int closingBraces(String text, int open) {
        int close = text.indexOf("}}", open + 2);
        if (close < 0) {
            throw bad("histogram starting at \"" + text.substring(open) + "\" has no closing }}");
        }
        return close;
    }

    private static int wordEnd(String text, int start) {
        int end = start;
        while (end < text.length() && !isSpace(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static void repeat(SequenceValue value, int times, List<SequenceValue> out) {
        if (out.size() + (long) times > MAX_POSITIONS) {
            throw bad("a series line may expand to at most " + MAX_POSITIONS + " values");
        }
        for (int k = 0; k < times; k++) {
            out.add(value);
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static StrataException bad(String message) {
        return new StrataException(ErrorCode.BAD_DATA, message);
    }
}
