package io.strata.testing.promql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code testdata/promql/skip-list.tsv} from {@code testdata/promql/eval-index.tsv}: every
 * eval that touches native histograms ({@code native_histogram=yes}), then every eval of
 * {@code start_timestamps.test}, which needs stored start timestamps. Evals are never listed just
 * because they fail today. Regenerate from the repository root with
 * {@code java -cp strata-bench/target/strata-bench.jar io.strata.testing.promql.SkipListGenerator}
 * (arguments: the index and the output, defaulting to those two paths).
 */
public final class SkipListGenerator {
    static final String START_TIMESTAMPS_FILE = "start_timestamps.test";

    private SkipListGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path index = Path.of(args.length > 0 ? args[0] : "testdata/promql/eval-index.tsv");
        Path out = Path.of(args.length > 1 ? args[1] : "testdata/promql/skip-list.tsv");
        String tsv = generate(Files.readString(index, StandardCharsets.UTF_8), index.toString());
        Files.writeString(out, tsv, StandardCharsets.UTF_8);
        System.out.println("wrote " + (tsv.split("\n").length - 1) + " entries to " + out);
    }

    /** The skip-list TSV for the eval index in {@code indexTsv}, in index order. */
    static String generate(String indexTsv, String source) {
        List<SkipList.Entry> entries = new ArrayList<>();
        for (Map<String, String> row : Tsv.read(indexTsv, source)) {
            String file = row.get("file");
            int line = Integer.parseInt(row.get("line"));
            if ("yes".equals(row.get("native_histogram"))) {
                entries.add(new SkipList.Entry(file, line, SkipList.NATIVE_HISTOGRAMS));
            } else if (START_TIMESTAMPS_FILE.equals(file)) {
                entries.add(new SkipList.Entry(file, line, SkipList.START_TIMESTAMPS));
            }
        }
        StringBuilder sb = new StringBuilder(SkipList.HEADER).append('\n');
        for (SkipList.Entry e : entries) {
            sb.append(Tsv.escape(e.file())).append('\t').append(e.line()).append('\t')
                    .append(Tsv.escape(e.reason())).append('\n');
        }
        return sb.toString();
    }
}
