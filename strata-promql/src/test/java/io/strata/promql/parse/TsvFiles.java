package io.strata.promql.parse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tab-separated data files of {@code testdata/promql} (format in its FORMAT.md, §17):
 * a header row, then rows whose fields escape backslash, tab, newline and carriage return as
 * {@code \\ \t \n \r} and bytes that are not UTF-8 as {@code \xNN}.
 */
final class TsvFiles {
    static final Path TESTDATA = Path.of("..", "testdata", "promql");

    private TsvFiles() {
    }

    /** One data row: its 1-based line in the file and its raw (still escaped) fields. */
    record Row(int line, List<String> fields) {
        /** The field decoded to the bytes it stands for. */
        byte[] bytes(int column) {
            return unescape(fields.get(column));
        }

        String text(int column) {
            return new String(bytes(column), StandardCharsets.UTF_8);
        }
    }

    static List<String> header(String file) {
        return List.of(lines(file).getFirst().split("\t", -1));
    }

    static List<Row> rows(String file) {
        List<String> lines = lines(file);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty()) {
                rows.add(new Row(i + 1, List.of(lines.get(i).split("\t", -1))));
            }
        }
        return rows;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(TESTDATA.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] unescape(String field) {
        byte[] raw = field.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b != '\\' || i + 1 >= raw.length) {
                out.write(b);
                continue;
            }
            byte e = raw[++i];
            switch (e) {
                case '\\' -> out.write('\\');
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 'x' -> {
                    out.write(Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + (char) e + " in " + field);
            }
        }
        return out.toByteArray();
    }
}
