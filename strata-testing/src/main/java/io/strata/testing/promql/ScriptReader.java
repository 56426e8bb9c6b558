package io.strata.testing.promql;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.promql.ast.Expr;
import io.strata.promql.parse.ParserOptions;
import io.strata.promql.parse.PromqlParser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads a PromQL test script into commands, with every rule of FORMAT.md sections 1 to 7: lines
 * are trimmed, {@code #} lines become empty, an empty line ends a block, and a malformed command
 * fails the whole file with {@link ScriptFormatException} ({@code file:line: reason}). Eval
 * expressions are parsed here, with every experimental parser feature on, so a file with an
 * unparsable query fails before anything runs, as upstream.
 */
public final class ScriptReader {
    private static final Pattern SPACES = Pattern.compile("[\t ]+");
    private static final Pattern LOAD = Pattern.compile("^load(?:_(with_nhcb))?\\s+(.+?)$");
    private static final Pattern EVAL_INSTANT =
            Pattern.compile("^eval(?:_(fail|warn|ordered|info))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
    private static final Pattern EVAL_RANGE = Pattern.compile(
            "^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+?)\\s+(.+)$");
    private static final Pattern EXPECT =
            Pattern.compile("^expect\\s+(ordered|fail|warn|no_warn|info|no_info)(?:\\s+(regex|msg):(.+))?$");
    private static final String RANGE_VECTOR_PREFIX = "expect range vector";
    private static final Pattern EXPECT_RANGE =
            Pattern.compile("^" + RANGE_VECTOR_PREFIX + "\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+)$");
    private static final String STRING_PREFIX = "expect string";
    /** What counts as an eval command when a broken file's evals are counted as failed. */
    private static final Pattern EVAL_LINE = Pattern.compile("^(?i:eval)(?:_[a-z]+)?[\t ]+(?:instant|range)\\b");

    private final String file;
    private final String[] lines;
    private final List<ScriptCommand> commands = new ArrayList<>();

    private ScriptReader(String file, String content) {
        this.file = file;
        this.lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            lines[i] = l.startsWith("#") ? "" : l;
        }
    }

    /** Reads {@code content}; {@code file} names it in errors. */
    public static Script read(String file, String content) {
        ScriptReader reader = new ScriptReader(file, content);
        reader.readCommands();
        return new Script(file, reader.commands);
    }

    /** How many eval commands {@code content} holds, for a file too broken to read. */
    public static int countEvalLines(String content) {
        int count = 0;
        for (String line : content.split("\n", -1)) {
            if (EVAL_LINE.matcher(line.strip()).find()) {
                count++;
            }
        }
        return count;
    }

    private void readCommands() {
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) {
                continue;
            }
            String word = SPACES.split(l, 2)[0].toLowerCase(Locale.ROOT);
            if (word.equals("clear")) {
                commands.add(new ClearCommand(i + 1));
            } else if (word.startsWith("load")) {
                i = readLoad(i);
            } else if (word.startsWith("eval")) {
                i = readEval(i);
            } else {
                throw error(i, "invalid command \"" + l + "\"");
            }
        }
    }

    // ---- load ----

    private int readLoad(int i) {
        Matcher m = LOAD.matcher(lines[i]);
        if (!m.matches()) {
            throw error(i, "invalid load command. (load[_with_nhcb] <step:duration>)");
        }
        boolean withNhcb = m.group(1) != null;
        long interval = duration(i, m.group(2), "invalid step definition");
        int commandLine = i;
        Map<Labels, LoadCommand.Series> series = new LinkedHashMap<>();
        List<Long> pendingOffsets = null;
        Labels pendingLabels = null;
        int pendingLine = -1;
        while (i + 1 < lines.length) {
            i++;
            String def = lines[i];
            if (def.isEmpty()) {
                i--;
                break;
            }
            if (StartTimestampLine.matches(def)) {
                if (pendingOffsets != null) {
                    throw error(pendingLine, "@st line has no following sample line");
                }
                pendingLabels = startTimestampMetric(i, def);
                pendingOffsets = startTimestampOffsets(i, def);
                pendingLine = i;
                continue;
            }
            SeriesLine s = seriesLine(i, def);
            if (pendingOffsets != null) {
                if (!s.labels().equals(pendingLabels)) {
                    throw error(pendingLine, "@st metric does not match the following sample line metric");
                }
                if (pendingOffsets.size() != s.values().size()) {
                    throw error(pendingLine, "@st line has " + pendingOffsets.size() + " values but sample line has "
                            + s.values().size());
                }
            }
            // A repeated label set replaces the earlier line completely (upstream keys the block by labels).
            series.put(s.labels(), new LoadCommand.Series(i + 1, s.labels(), s.values(), pendingOffsets));
            pendingOffsets = null;
        }
        if (pendingOffsets != null) {
            throw error(pendingLine, "@st line has no following sample line");
        }
        commands.add(new LoadCommand(commandLine + 1, interval, withNhcb, new ArrayList<>(series.values())));
        return i;
    }

    private Labels startTimestampMetric(int i, String def) {
        String metric = StartTimestampLine.metricPart(def);
        if (metric.isEmpty()) {
            throw error(i, "@st line needs a metric before @st");
        }
        try {
            return SeriesLine.parse(metric + " _").labels();
        } catch (StrataException e) {
            throw error(i, "invalid @st line metric \"" + metric + "\": " + e.getMessage());
        }
    }

    private List<Long> startTimestampOffsets(int i, String def) {
        try {
            return StartTimestampLine.offsets(def);
        } catch (StrataException e) {
            throw error(i, "invalid @st sequence: " + e.getMessage());
        }
    }

    // ---- eval ----

    private int readEval(int i) {
        String l = lines[i];
        Matcher instantMatch = EVAL_INSTANT.matcher(l);
        Matcher rangeMatch = EVAL_RANGE.matcher(l);
        boolean instant = instantMatch.matches();
        if (!instant && !rangeMatch.matches()) {
            throw error(i, "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered|_info] instant "
                    + "[at <offset:duration>] <query>' or 'eval[_fail|_warn|_info] range from <from> to <to> "
                    + "step <step> <query>'");
        }
        EvalBlock b = new EvalBlock(i + 1, instant);
        String mod = instant ? instantMatch.group(1) : rangeMatch.group(1);
        b.expr = instant ? instantMatch.group(3) : rangeMatch.group(5);
        b.parsed = parseExpr(i, b.expr);
        if (instant) {
            String at = instantMatch.group(2) == null ? "" : instantMatch.group(2);
            b.evalTime = duration(i, at, "invalid timestamp definition");
            b.start = b.evalTime;
            b.end = Long.MIN_VALUE;
        } else {
            b.start = duration(i, rangeMatch.group(2), "invalid start timestamp definition");
            b.end = duration(i, rangeMatch.group(3), "invalid end timestamp definition");
            if (b.end < b.start) {
                throw error(i, "invalid test definition, end timestamp (" + rangeMatch.group(3)
                        + ") is before start timestamp (" + rangeMatch.group(2) + ")");
            }
            b.step = duration(i, rangeMatch.group(4), "invalid step definition");
        }
        b.suffixes = new EvalCommand.Suffixes(
                "fail".equals(mod), "warn".equals(mod), "info".equals(mod), "ordered".equals(mod));
        i = readEvalBlock(i, b);
        commands.add(b.build());
        return i;
    }

    private Expr parseExpr(int i, String expr) {
        try {
            return PromqlParser.parse(expr, ParserOptions.ALL);
        } catch (StrataException e) {
            throw error(i, "could not parse \"" + expr + "\": " + e.getMessage());
        }
    }

    /** Reads the lines after an eval command up to the end of its block; returns the last line consumed. */
    private int readEvalBlock(int i, EvalBlock b) {
        // Positions for ordered results count every block line but the expect <type> lines (as upstream).
        for (int position = 1; i + 1 < lines.length; position++) {
            i++;
            String def = lines[i];
            if (def.isEmpty()) {
                i--;
                break;
            }
            if (b.suffixes.fail() && def.startsWith("expected_fail_message")) {
                b.failMessage = def.substring("expected_fail_message".length()).strip();
                break;
            }
            if (b.suffixes.fail() && def.startsWith("expected_fail_regexp")) {
                b.failRegexp = regex(i, def.substring("expected_fail_regexp".length()).strip(), "expected_fail_regexp");
                break;
            }
            if (def.startsWith(RANGE_VECTOR_PREFIX)) {
                readRangeVector(i, def, b);
                continue;
            }
            if (def.startsWith(STRING_PREFIX)) {
                b.expectedString = stringLiteral(i, def);
                b.stringExpected = true;
                continue;
            }
            int space = def.indexOf(' ');
            if ((space < 0 ? def : def.substring(0, space)).equals("expect")) {
                readExpect(i, def, b);
                position--;
                continue;
            }
            OptionalDouble scalar = GoLiterals.parseNumber(def);
            if (scalar.isPresent()) {
                b.scalar = scalar.getAsDouble();
                break; // a scalar line ends the block
            }
            SeriesLine s = seriesLine(i, def);
            if (s.values().size() > 1 && b.instant && !b.rangeVector) {
                throw error(i, "expecting multiple values in instant evaluation not allowed. consider using "
                        + "'expect range vector' directive to enable a range vector result for an instant query");
            }
            b.series.put(s.labels(), new EvalCommand.ExpectedSeries(position, s.values()));
        }
        return i;
    }

    private void readRangeVector(int i, String def, EvalBlock b) {
        Matcher m = EXPECT_RANGE.matcher(def);
        if (!m.matches()) {
            throw error(i, "invalid range vector definition \"" + def + "\"");
        }
        long from = duration(i, m.group(1), "invalid start timestamp definition");
        long to = duration(i, m.group(2), "invalid end timestamp definition");
        if (to < from) {
            throw error(i, "invalid test definition, end timestamp (" + m.group(2) + ") is before start timestamp ("
                    + m.group(1) + ")");
        }
        b.step = duration(i, m.group(3), "invalid step definition");
        b.start = from;
        b.end = to;
        b.evalTime = to;
        b.rangeVector = true;
    }

    private String stringLiteral(int i, String def) {
        if (def.equals(STRING_PREFIX)) {
            throw error(i, "expected string literal not valid - a quoted string literal is required");
        }
        String quoted = def.startsWith(STRING_PREFIX + " ") ? def.substring(STRING_PREFIX.length() + 1) : def;
        try {
            return GoLiterals.unquote(quoted);
        } catch (IllegalArgumentException e) {
            throw error(i, "expected string literal not valid - check that the string is correctly quoted ("
                    + e.getMessage() + ")");
        }
    }

    private void readExpect(int i, String def, EvalBlock b) {
        Matcher m = EXPECT.matcher(def.strip());
        if (!m.matches()) {
            throw error(i, "invalid expect statement, must match `expect <type> <match_type>: <string>` format");
        }
        Expectation.Type type = Expectation.Type.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        Expectation e;
        if (m.group(2) == null) {
            e = new Expectation(type, null, null);
        } else if (m.group(2).equals("msg")) {
            e = new Expectation(type, m.group(3).strip(), null);
        } else {
            e = new Expectation(type, null, regex(i, m.group(3).strip(), m.group(1)));
        }
        b.expectations.computeIfAbsent(type, t -> new ArrayList<>()).add(e);
        if (!b.expectations(Expectation.Type.INFO).isEmpty() && !b.expectations(Expectation.Type.NO_INFO).isEmpty()) {
            throw error(i, "invalid expect lines, info and no_info cannot be used together");
        }
        if (!b.expectations(Expectation.Type.WARN).isEmpty() && !b.expectations(Expectation.Type.NO_WARN).isEmpty()) {
            throw error(i, "invalid expect lines, warn and no_warn cannot be used together");
        }
        if (b.expectations(Expectation.Type.FAIL).size() > 1) {
            throw error(i, "invalid expect lines, multiple expect fail lines are not allowed");
        }
    }

    // ---- shared ----

    private SeriesLine seriesLine(int i, String def) {
        try {
            return SeriesLine.parse(def);
        } catch (StrataException e) {
            throw error(i, "invalid series \"" + def + "\": " + e.getMessage());
        }
    }

    private Pattern regex(int i, String pattern, String what) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw error(i, "invalid regex " + pattern + " for " + what + ": " + e.getMessage());
        }
    }

    private long duration(int i, String text, String what) {
        try {
            return PromDuration.parseMillis(text);
        } catch (StrataException e) {
            throw error(i, what + " \"" + text + "\": " + e.getMessage());
        }
    }

    private ScriptFormatException error(int index, String reason) {
        return new ScriptFormatException(file, index + 1, reason);
    }

    /** What an eval block has said so far. */
    private static final class EvalBlock {
        final int line;
        final boolean instant;
        String expr;
        Expr parsed;
        long start;
        long end;
        long step;
        long evalTime;
        EvalCommand.Suffixes suffixes = EvalCommand.Suffixes.NONE;
        String failMessage;
        Pattern failRegexp;
        final Map<Expectation.Type, List<Expectation>> expectations = new EnumMap<>(Expectation.Type.class);
        final Map<Labels, EvalCommand.ExpectedSeries> series = new LinkedHashMap<>();
        Double scalar;
        String expectedString = "";
        boolean rangeVector;
        boolean stringExpected;

        EvalBlock(int line, boolean instant) {
            this.line = line;
            this.instant = instant;
        }

        List<Expectation> expectations(Expectation.Type type) {
            return expectations.getOrDefault(type, List.of());
        }

        EvalCommand build() {
            return new EvalCommand(line, expr, parsed, !instant, start, end, step, evalTime, suffixes, failMessage,
                    failRegexp, expectations, series, scalar, expectedString, rangeVector, stringExpected);
        }
    }
}
