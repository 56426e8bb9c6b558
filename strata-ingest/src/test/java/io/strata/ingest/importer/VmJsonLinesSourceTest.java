package io.strata.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VmJsonLinesSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsLinesWithSpecialValuesInAnyOrderAndGzip() throws IOException {
        String text = """
                {"metric":{"__name__":"up","job":"a"},"values":[1,0.5,null],"timestamps":[1700000000000,1700000015000,1700000030000]}

                {"timestamps":[1700000060000,1700000045000],"values":["NaN","-Inf"],"metric":{"job":"a","__name__":"up"}}
                {"metric":{"__name__":"x"},"values":[NaN,"Infinity"],"timestamps":[1,2],"extra":{"ignored":[1,2]}}
                """;
        Path gz = dir.resolve("export.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        try (VmJsonLinesSource source = new VmJsonLinesSource(gz)) {
            CollectingSink sink = CollectingSink.drain(source);
            assertThat(sink.samples.get(Labels.of("__name__", "up", "job", "a"))).containsExactly(
                    "1700000000000=1.0", "1700000015000=0.5", "1700000030000=NaN", "1700000060000=NaN",
                    "1700000045000=-Infinity");
            assertThat(sink.samples.get(Labels.of("__name__", "x"))).containsExactly("1=NaN", "2=Infinity");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"metric\":{\"__name__\":\"up\"},\"values\":[1,2],\"timestamps\":[1]}|v.jsonl:2: \"values\" has 2 entries but \"timestamps\" has 1",
        "{\"metric\":{\"__name__\":\"up\"},\"values\":[1]}|v.jsonl:2: missing \"timestamps\" array",
        "{\"values\":[1],\"timestamps\":[1]}|v.jsonl:2: missing \"metric\" object",
        "{\"metric\":{\"__name__\":\"up\"},\"values\":[\"abc\"],\"timestamps\":[1]}|v.jsonl:2: value 0 is not a number: \"abc\"",
        "{\"metric\":{\"__name__\":\"up\"},\"values\":[1],\"timestamps\":[1.5]}|v.jsonl:2: timestamp 0 is not an integer",
        "{\"metric\":{\"__name__\":1},\"values\":[1],\"timestamps\":[1]}|v.jsonl:2: label __name__ has a non-string value",
        "{\"metric\":{\"__name__\":\"up\"},\"values\":[1,|v.jsonl:2: invalid JSON",
        "[1,2]|v.jsonl:2: expected a JSON object per line",
    })
    void rejectsBadLinesNamingFileAndLine(String line, String message) throws IOException {
        Path file = dir.resolve("v.jsonl");
        Files.writeString(file, "{\"metric\":{\"__name__\":\"ok\"},\"values\":[1],\"timestamps\":[1]}\n" + line + "\n");
        try (VmJsonLinesSource source = new VmJsonLinesSource(file)) {
            assertThatThrownBy(() -> CollectingSink.drain(source))
                    .isInstanceOf(ImportFormatException.class)
                    .hasMessageStartingWith(message);
        }
    }

    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> new VmJsonLinesSource(dir.resolve("nope.jsonl")))
                .hasMessageContaining("nope.jsonl").hasMessageContaining("no such file");
    }
}
