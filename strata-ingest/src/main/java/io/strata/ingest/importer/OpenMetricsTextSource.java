package io.strata.ingest.importer;

import io.strata.model.Labels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Samples from an OpenMetrics text file, as {@code promtool tsdb create-blocks-from openmetrics}
 * reads it, or from the Prometheus text exposition format. Gzip files are read too.
 *
 * <ul>
 *   <li>Every sample needs a timestamp: in OpenMetrics seconds with optional fraction
 *       ({@code 1700000000.250}), in Prometheus text integer milliseconds.
 *   <li>{@code # TYPE} lines decide what is special: the {@code _created} samples of counters,
 *       histograms and summaries are skipped (Prometheus turns them into created timestamps, not
 *       series), and the {@code le} and {@code quantile} label values of histograms and
 *       summaries are made canonical as Prometheus 3 does ({@code le="1"} is stored as
 *       {@code le="1.0"}). Histograms and summaries are imported as their classic series.
 *   <li>{@code # HELP}, {@code # UNIT} and other comments are skipped; exemplars after {@code #}
 *       on a sample line are ignored.
 *   <li>OpenMetrics files must end with {@code # EOF}, which catches a truncated file; nothing but
 *       blank lines may follow it.
 * </ul>
 *
 * Consecutive samples of one series become one piece (lines repeating the previous line's series
 * text are not parsed again); each {@link #next} call reads at most {@value #LINES_PER_CALL} lines.
 */
public final class OpenMetricsTextSource implements ImportSource {
    /** Which text format, which decides the timestamp unit. */
    public enum Dialect {
        /** OpenMetrics 1.0: timestamps in seconds, {@code # EOF} required at the end. */
        OPENMETRICS,
        /** Prometheus text exposition 0.0.4: timestamps in integer milliseconds. */
        PROMETHEUS_TEXT
    }

    static final int LINES_PER_CALL = 8192;
    private static final int PIECE_SAMPLES = 1024;
    /** An OpenMetrics timestamp this large is milliseconds by mistake: in seconds it would be year 5138. */
    private static final long SECONDS_THAT_LOOK_LIKE_MILLIS = 100_000_000_000L;

    private final ImportFile file;
    private final Dialect dialect;
    private final BufferedReader reader;
    private final SeriesTextParser parser = new SeriesTextParser();
    private final PieceBuffer piece = new PieceBuffer(PIECE_SAMPLES);
    /** Family name to its {@code # TYPE}. */
    private final Map<String, String> types = new HashMap<>();
    private long lineNumber;
    private boolean sawEof;
    private boolean exhausted;
    private String lastSeriesText;
    private Labels lastLabels;
    private long skippedCreated;

    /** An OpenMetrics file. */
    public OpenMetricsTextSource(Path path) throws IOException {
        this(path, Dialect.OPENMETRICS);
    }

    public OpenMetricsTextSource(Path path, Dialect dialect) throws IOException {
        this.file = new ImportFile(path);
        this.dialect = dialect;
        this.reader = new BufferedReader(new InputStreamReader(file.stream(), StandardCharsets.UTF_8));
    }

    @Override
    public boolean next(ImportSink sink) throws IOException {
        if (exhausted) {
            return false;
        }
        for (int i = 0; i < LINES_PER_CALL; i++) {
            String line = reader.readLine();
            if (line == null) {
                if (dialect == Dialect.OPENMETRICS && !sawEof) {
                    throw error("the file ends without '# EOF': it may be truncated (OpenMetrics ends with"
                            + " '# EOF'; for Prometheus text format, timestamps in milliseconds, use --format prometheus)");
                }
                piece.flush(sink);
                exhausted = true;
                return false;
            }
            lineNumber++;
            line(line, sink);
        }
        return true;
    }

    /** {@code _created} samples skipped so far. */
    public long skippedCreatedSamples() {
        return skippedCreated;
    }

    private void line(String line, ImportSink sink) throws IOException {
        if (line.isBlank()) {
            return;
        }
        if (sawEof) {
            throw error("data after '# EOF'");
        }
        if (line.charAt(0) == '#') {
            comment(line);
            return;
        }
        int seriesEnd;
        Labels labels;
        if (lastSeriesText != null && line.startsWith(lastSeriesText)
                && line.length() > lastSeriesText.length() && isBlank(line.charAt(lastSeriesText.length()))) {
            seriesEnd = lastSeriesText.length();
            labels = lastLabels;
        } else {
            try {
                seriesEnd = parser.parse(line);
            } catch (SeriesTextParser.SyntaxException e) {
                throw error(e.getMessage());
            }
            String name = parser.metricName();
            String family = family(name);
            String type = family == null ? null : types.get(family);
            if (type != null && name.endsWith("_created") && hasCreatedSeries(type)) {
                skippedCreated++;
                lastSeriesText = null;
                return;
            }
            labels = parser.labels(floatLabel(name, family, type));
            lastSeriesText = line.substring(0, seriesEnd);
            lastLabels = labels;
        }
        sample(line, seriesEnd, labels, sink);
    }

    private void sample(String line, int seriesEnd, Labels labels, ImportSink sink) throws IOException {
        int p = skipBlanks(line, seriesEnd);
        if (p == seriesEnd) {
            throw error("expected a blank and a value after the series, at column " + (p + 1));
        }
        int valueEnd = tokenEnd(line, p);
        if (valueEnd == p) {
            throw error("sample has no value");
        }
        String valueText = line.substring(p, valueEnd);
        double value;
        try {
            value = TextNumbers.parseFloat(valueText);
        } catch (NumberFormatException e) {
            throw error("invalid value " + e.getMessage());
        }
        p = skipBlanks(line, valueEnd);
        if (p >= line.length() || line.charAt(p) == '#') {
            throw error("sample of " + labels + " has no timestamp; an import needs a time on every sample");
        }
        int tsEnd = tokenEnd(line, p);
        long timestamp = timestamp(line.substring(p, tsEnd));
        int rest = skipBlanks(line, tsEnd);
        if (rest < line.length() && line.charAt(rest) != '#') {
            throw error("unexpected text after the timestamp at column " + (rest + 1) + ": \"" + line.substring(rest) + "\"");
        }
        piece.add(labels, timestamp, value, sink);
    }

    private long timestamp(String text) throws ImportFormatException {
        try {
            if (dialect == Dialect.PROMETHEUS_TEXT) {
                return Long.parseLong(text);
            }
            long millis = TextNumbers.secondsToMillis(text);
            if (Math.abs(millis / 1000) >= SECONDS_THAT_LOOK_LIKE_MILLIS) {
                throw error("timestamp " + text + " in seconds is after the year 5000: it looks like milliseconds;"
                        + " OpenMetrics timestamps are seconds (use --format prometheus for Prometheus text format)");
            }
            return millis;
        } catch (NumberFormatException e) {
            String unit = dialect == Dialect.PROMETHEUS_TEXT ? "integer milliseconds" : "seconds";
            throw error("invalid timestamp \"" + text + "\": expected " + unit + " since "
                    + Instant.EPOCH);
        }
    }

    private void comment(String line) throws ImportFormatException {
        String[] parts = line.split("[ \t]+", 4);
        if (parts.length >= 2 && parts[0].equals("#") && parts[1].equals("EOF")) {
            sawEof = true;
            return;
        }
        if (parts.length >= 4 && parts[0].equals("#") && parts[1].equals("TYPE")) {
            types.put(parts[2], parts[3].strip());
        } else if (parts.length == 3 && parts[0].equals("#") && parts[1].equals("TYPE")) {
            throw error("# TYPE line without a type");
        }
    }

    /** The family a sample name belongs to: the name itself or the name minus a known suffix. */
    private String family(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[] {"_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"}) {
            if (name.endsWith(suffix)) {
                String f = name.substring(0, name.length() - suffix.length());
                if (types.containsKey(f)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static boolean hasCreatedSeries(String type) {
        return type.equals("counter") || type.equals("histogram") || type.equals("gaugehistogram") || type.equals("summary");
    }

    private static String floatLabel(String name, String family, String type) {
        if (type == null) {
            return null;
        }
        if ((type.equals("histogram") || type.equals("gaugehistogram")) && name.equals(family + "_bucket")) {
            return "le";
        }
        if (type.equals("summary") && name.equals(family)) {
            return "quantile";
        }
        return null;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static int skipBlanks(String s, int p) {
        while (p < s.length() && isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private static int tokenEnd(String s, int p) {
        while (p < s.length() && !isBlank(s.charAt(p))) {
            p++;
        }
        return p;
    }

    private ImportFormatException error(String message) {
        return new ImportFormatException(file.name(), Math.max(1, lineNumber), message);
    }

    @Override
    public double progress() {
        return exhausted ? 1 : file.progress();
    }

    @Override
    public String describe() {
        return file.describe();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
