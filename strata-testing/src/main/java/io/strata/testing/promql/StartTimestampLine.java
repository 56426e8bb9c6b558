package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A start-timestamp line {@code metric{...}@st items...} (FORMAT.md section 3.3): offsets, relative
 * to each sample's own timestamp, for the samples of the next line. Items: {@code _},
 * {@code _xK} (K positions), {@code D}, {@code DxK} (K+1), {@code D+ExK} and {@code D-ExK} (K+1,
 * stepping by E), where a duration may carry a sign and uses one unit per part.
 */
final class StartTimestampLine {
    private StartTimestampLine() {
    }

    /** True when the first word of {@code line} ends in {@code @st}. */
    static boolean matches(String line) {
        int space = firstSpace(line);
        return space >= 0 && line.substring(0, space).endsWith("@st");
    }

    /** The metric part before {@code @st}. */
    static String metricPart(String line) {
        String word = line.substring(0, firstSpace(line));
        return word.substring(0, word.length() - "@st".length());
    }

    /** The offsets in ms, {@code null} for positions without a start timestamp. */
    static List<Long> offsets(String line) {
        List<Long> out = new ArrayList<>();
        for (String item : line.substring(firstSpace(line)).strip().split("[ \t]+")) {
            if (!item.isEmpty()) {
                item(item, out);
            }
        }
        return out;
    }

    private static void item(String item, List<Long> out) {
        if (item.equals("_")) {
            out.add(null);
            return;
        }
        if (item.startsWith("_x")) {
            int count = SeriesNumbers.repetitions(item.substring(2), SeriesValues.MAX_POSITIONS);
            if (count == 0) {
                throw bad("invalid ST item \"" + item + "\": invalid repeat count");
            }
            out.addAll(Collections.nCopies(count, null));
            return;
        }
        int baseEnd = durationEnd(item, 0);
        long base = duration(item, 0, baseEnd);
        String rest = item.substring(baseEnd);
        if (rest.isEmpty()) {
            out.add(base);
            return;
        }
        if (rest.charAt(0) == 'x') {
            int count = SeriesNumbers.repetitions(rest.substring(1), SeriesValues.MAX_POSITIONS);
            checkRoom(out, count + 1);
            out.addAll(Collections.nCopies(count + 1, base));
            return;
        }
        if (rest.charAt(0) != '+' && rest.charAt(0) != '-') {
            throw bad("invalid ST item \"" + item + "\": unexpected \"" + rest.charAt(0) + "\" after duration");
        }
        int deltaEnd = durationEnd(rest, 1);
        long delta = duration(rest, 1, deltaEnd);
        if (rest.charAt(0) == '-') {
            delta = -delta;
        }
        String times = rest.substring(deltaEnd);
        if (!times.startsWith("x")) {
            throw bad("invalid ST item \"" + item + "\": expected 'x<count>' after step duration");
        }
        int count = SeriesNumbers.repetitions(times.substring(1), SeriesValues.MAX_POSITIONS);
        checkRoom(out, count + 1);
        long offset = base;
        for (int k = 0; k <= count; k++) {
            out.add(offset);
            offset += delta;
        }
    }

    /** End of an optionally signed duration: sign, digits, then unit letters up to an {@code x}. */
    private static int durationEnd(String s, int start) {
        int i = start;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        while (i < s.length() && Character.isLetter(s.charAt(i)) && s.charAt(i) != 'x') {
            i++;
        }
        return i;
    }

    private static long duration(String s, int start, int end) {
        String text = s.substring(start, end);
        boolean negative = text.startsWith("-");
        String unsigned = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        if (unsigned.isEmpty() || unsigned.charAt(0) < '0' || unsigned.charAt(0) > '9') {
            throw bad("invalid ST item: expected digits in duration \"" + s.substring(start) + "\"");
        }
        long millis = PromDuration.parseMillis(unsigned);
        return negative ? -millis : millis;
    }

    private static void checkRoom(List<Long> out, int more) {
        if (out.size() + (long) more > SeriesValues.MAX_POSITIONS) {
            throw bad("an @st line may expand to at most " + SeriesValues.MAX_POSITIONS + " positions");
        }
    }

    private static int firstSpace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ' ' || line.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static StrataException bad(String message) {
        return new StrataException(ErrorCode.BAD_DATA, message);
    }
}
