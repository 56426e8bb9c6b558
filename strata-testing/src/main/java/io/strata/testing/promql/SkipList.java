package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The evals Strata does not run yet, keyed by corpus file name and eval line
 * ({@code testdata/promql/skip-list.tsv}, columns {@code file line reason}). Entries for native
 * histograms are not run at all; other entries are run anyway, so the report can say when one
 * passes and may be removed. {@link SkipListGenerator} writes the file.
 */
public final class SkipList {
    public static final String NATIVE_HISTOGRAMS = "native histograms are not stored yet";
    public static final String START_TIMESTAMPS = "start timestamps are not stored yet";
    public static final String HEADER = "file\tline\treason";

    private final Map<String, Map<Integer, Entry>> byFile = new HashMap<>();

    /** One skipped eval: the file's name (no directory), the eval's 1-based line, and why. */
    public record Entry(String file, int line, String reason) {
        /** Whether the eval can still be run to see if it passes (histogram data is not even loaded). */
        public boolean runnable() {
            return !reason.equals(NATIVE_HISTOGRAMS);
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    private SkipList(List<Entry> entries) {
        for (Entry e : entries) {
            byFile.computeIfAbsent(e.file(), f -> new HashMap<>()).put(e.line(), e);
        }
    }

    public static SkipList empty() {
        return new SkipList(List.of());
    }

    public static SkipList of(List<Entry> entries) {
        return new SkipList(entries);
    }

    public static SkipList read(Path path) {
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read skip list " + path, e);
        }
    }

    /** Parses skip-list TSV; {@code source} names it in errors. */
    public static SkipList parse(String content, String source) {
        List<Entry> entries = new ArrayList<>();
        if (!content.startsWith(HEADER)) {
            throw new StrataException(ErrorCode.BAD_DATA, source + ": the first row must be \"" + HEADER.replace("\t", "\\t")
                    + "\"");
        }
        for (Map<String, String> row : Tsv.read(content, source)) {
            int line;
            try {
                line = Integer.parseInt(row.get("line"));
            } catch (NumberFormatException e) {
                throw new StrataException(ErrorCode.BAD_DATA, source + ": bad line number \"" + row.get("line")
                        + "\" for " + row.get("file"));
            }
            entries.add(new Entry(row.get("file"), line, row.get("reason")));
        }
        return new SkipList(entries);
    }

    public Optional<Entry> find(String file, int line) {
        return Optional.ofNullable(byFile.getOrDefault(file, Map.of()).get(line));
    }

    /** Entries of {@code file}, in line order. */
    public List<Entry> entriesOf(String file) {
        return byFile.getOrDefault(file, Map.of()).values().stream()
                .sorted((a, b) -> Integer.compare(a.line(), b.line())).toList();
    }
}
