package io.strata.bench.write;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations the way Prometheus writes them: {@code 500ms}, {@code 10s}, {@code 5m},
 * {@code 2h}, {@code 1d}, and sums such as {@code 1h30m}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses {@code text}; throws picocli's conversion error, naming the value, when it is not a duration. */
    public static Duration parse(String text) {
        String s = text.trim();
        Matcher m = PART.matcher(s);
        int at = 0;
        double millis = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                case "d" -> n * 86_400_000;
                default -> throw new IllegalStateException("BUG: unit " + m.group(2) + " matched but not handled");
            };
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new TypeConversionException("'" + text + "' is not a duration; write it like 500ms, 10s, 5m, 2h, 1d or 1h30m");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** Prometheus-style text for a duration: {@code 1h30m}, {@code 10s}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long[] units = {86_400_000, 3_600_000, 60_000, 1_000, 1};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= units[i]) {
                sb.append(ms / units[i]).append(names[i]);
                ms %= units[i];
            }
        }
        return sb.toString();
    }
}
