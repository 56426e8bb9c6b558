package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The metric part of every series line in the corpus's load blocks reads with parseMetricPrefix. */
class CorpusSeriesLinesTest {
    @Test
    void everySeriesLineStartsWithAMetric() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(TsvFiles.TESTDATA.resolve("corpus"))) {
            files = s.filter(f -> f.toString().endsWith(".test")).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        int lines = 0;
        for (Path f : files) {
            boolean inLoad = false;
            List<String> all = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < all.size(); i++) {
                String line = all.get(i);
                if (line.startsWith("load")) {
                    inLoad = true;
                    continue;
                }
                if (line.isBlank() || !Character.isWhitespace(line.charAt(0))) {
                    inLoad = false; // a blank line or the next command ends the block
                    continue;
                }
                if (!inLoad || line.strip().startsWith("#")) {
                    continue;
                }
                lines++;
                try {
                    PromqlParser.MetricPrefix p = PromqlParser.parseMetricPrefix(line);
                    String rest = line.substring(p.end());
                    if (p.labels().isEmpty() || !(rest.isEmpty() || Character.isWhitespace(rest.charAt(0))
                            || rest.startsWith("@st"))) {
                        failures.add(f.getFileName() + ":" + (i + 1) + " " + line + " -> rest " + rest);
                    }
                } catch (ParseException e) {
                    failures.add(f.getFileName() + ":" + (i + 1) + " " + line + " -> " + e.getMessage());
                }
            }
        }
        assertThat(lines).isGreaterThan(1000);
        assertThat(failures).isEmpty();
    }
}
