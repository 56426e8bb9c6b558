package io.strata.server.api;

import io.strata.model.GoQuote;
import io.strata.model.ErrorCode;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.promql.parse.PromqlParser;
import io.strata.server.config.PromDuration;
import io.strata.server.http.Request;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parameter parsing shared by the API handlers, with Prometheus's rules and messages
 * ({@code web/api/v1/api.go}): times as float Unix seconds or RFC 3339, optional times defaulting
 * to Prometheus's min and max time, non-negative limits, and {@code match[]} selectors of which
 * each needs a matcher that does not match the empty string.
 */
public final class ApiParams {
    /** Prometheus's {@code MinTime} in ms: the default start of optional ranges. */
    static final long MIN_TIME = -9223309901257974L * 1000;
    /** Prometheus's {@code MaxTime} in ms: the default end of optional ranges. */
    static final long MAX_TIME = 9223309901257974L * 1000 + 999;
    /** How Go formats MinTime and MaxTime in RFC 3339; clients echo these strings back. */
    static final String MIN_TIME_FORMATTED = "-292273086-05-16T16:47:06Z";
    static final String MAX_TIME_FORMATTED = "292277025-08-18T07:12:54.999999999Z";

    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    /** What Go's {@code strconv.ParseFloat} accepts: decimal, hexadecimal with exponent, inf, nan. */
    private static final Pattern GO_FLOAT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?"
            + "|[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+"
            + "|[+-]?(?i:inf|infinity)|(?i:nan)");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    /** Go's RFC3339Nano layout: seconds required, fraction optional, Z or an offset. */
    private static final DateTimeFormatter RFC3339 = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4)
            .appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2)
            .appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private ApiParams() {}

    /** An optional time parameter in ms, or {@code defaultValue} when absent or empty. */
    static long time(Request request, String name, long defaultValue) {
        String value = request.param(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return parseTime(value);
        } catch (IllegalArgumentException e) {
            throw invalidParameter(name, "Invalid time value for '" + name + "': " + e.getMessage());
        }
    }

    /**
     * Parses Unix seconds with up to millisecond precision ({@code 1700000000.123}) or RFC 3339
     * ({@code 2023-11-14T22:13:20.123Z}) into ms. Seconds beyond Prometheus's range are clamped to it.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static long parseTime(String s) {
        if (DECIMAL.matcher(s).matches() && !Double.isInfinite(Double.parseDouble(s))) {
            double seconds = Double.parseDouble(s);
            double whole = seconds < 0 ? Math.ceil(seconds) : Math.floor(seconds);
            if (whole <= MIN_TIME / 1000.0) {
                return MIN_TIME;
            }
            if (whole >= MAX_TIME / 1000.0) {
                return MAX_TIME;
            }
            // Like Go: the fraction rounds half away from zero to whole milliseconds.
            double fractionMillis = (seconds - whole) * 1000;
            long millis = (long) (Math.signum(fractionMillis) * Math.floor(Math.abs(fractionMillis) + 0.5));
            return (long) whole * 1000 + millis;
        }
        if (s.equals(MIN_TIME_FORMATTED)) {
            return MIN_TIME;
        }
        if (s.equals(MAX_TIME_FORMATTED)) {
            return MAX_TIME;
        }
        try {
            return OffsetDateTime.parse(s, RFC3339).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("cannot parse " + GoQuote.quote(s) + " to a valid timestamp");
        }
    }

    /**
     * The {@code limit} parameter: 0 (no limit) when absent. A limit beyond {@code int} is no limit
     * in practice and is capped.
     */
    static int limit(Request request) {
        String value = request.param("limit");
        if (value == null || value.isEmpty()) {
            return 0;
        }
        long limit = goAtoi("limit", value);
        if (limit < 0) {
            throw invalidParameter("limit", "limit must be non-negative");
        }
        return (int) Math.min(limit, Integer.MAX_VALUE);
    }

    /** Go's {@code strconv.Atoi} on 64 bits, with its error text, as Prometheus reports it. */
    private static long goAtoi(String name, String value) {
        if (!INTEGER.matcher(value).matches()) {
            throw invalidParameter(name, "strconv.Atoi: parsing " + GoQuote.quote(value) + ": invalid syntax");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalidParameter(name, "strconv.Atoi: parsing " + GoQuote.quote(value) + ": value out of range");
        }
    }

    /**
     * A duration as Prometheus's {@code parseDuration} reads it, in nanoseconds (Go's
     * {@code time.Duration}): float seconds ({@code 15}, {@code 0.5}, {@code 1e3}) or a Prometheus
     * duration ({@code 1m30s}). Float seconds are truncated to whole nanoseconds, as in Go.
     *
     * @throws IllegalArgumentException with Prometheus's message: {@code cannot parse "x" to a valid duration}
     */
    static long durationNanos(String s) {
        if (GO_FLOAT.matcher(s).matches()) {
            double seconds = Double.parseDouble(goFloatForJava(s));
            boolean literalInfinity = s.toLowerCase(java.util.Locale.ROOT).contains("inf");
            // Go's ParseFloat fails on overflow ("1e400"); then the duration syntax is tried.
            if (!Double.isInfinite(seconds) || literalInfinity) {
                double nanos = seconds * 1e9;
                if (nanos > 0x1p63 || nanos < -0x1p63) {
                    throw new IllegalArgumentException(
                            "cannot parse " + GoQuote.quote(s) + " to a valid duration. It overflows int64");
                }
                // Go converts NaN to the smallest int64 on amd64.
                return Double.isNaN(nanos) ? Long.MIN_VALUE : (long) nanos;
            }
        }
        try {
            if (!s.isEmpty()) {
                return Math.multiplyExact(PromDuration.parse(s).toMillis(), 1_000_000L);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            // not a duration either: the message below names the value
        }
        throw new IllegalArgumentException("cannot parse " + GoQuote.quote(s) + " to a valid duration");
    }

    /** Go float syntax Java spells differently: "inf"/"infinity"/"nan" in any case. */
    private static String goFloatForJava(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("nan")) {
            return "NaN";
        }
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? "-Infinity" : "Infinity";
        }
        return s;
    }

    /**
     * Parses {@code match[]} selectors with the PromQL parser; each must have a matcher that does
     * not match the empty string (it would select every series), else the error is Prometheus's
     * {@code match[] must contain at least one non-empty matcher}.
     *
     * @param prefixErrors whether errors say {@code invalid parameter "match[]": } first, as
     *     Prometheus's series and delete endpoints do (its labels endpoints do not)
     */
    static List<List<Matcher>> matcherSets(List<String> selectors, boolean prefixErrors) {
        List<List<Matcher>> sets = new ArrayList<>(selectors.size());
        for (String selector : selectors) {
            try {
                sets.add(PromqlParser.parseMetricSelector(selector));
            } catch (StrataException e) {
                throw prefixErrors ? invalidParameter("match[]", e.getMessage()) : e;
            }
        }
        return sets;
    }

    static StrataException invalidParameter(String name, String problem) {
        return new StrataException(ErrorCode.BAD_DATA, "invalid parameter " + GoQuote.quote(name) + ": " + problem);
    }
}
