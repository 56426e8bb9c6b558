package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tab-separated files next to the corpus (FORMAT.md section 17): a header row, then one row
 * per line; inside a field a backslash, tab, newline or carriage return is written {@code \\},
 * {@code \t}, {@code \n}, {@code \r}, and an invalid UTF-8 byte {@code \xNN}.
 */
final class Tsv {
    private Tsv() {
    }

    /** The rows of {@code content} as column-name to value maps; {@code source} names the file in errors. */
    static List<Map<String, String>> read(String content, String source) {
        String[] lines = content.split("\n", -1);
        if (lines.length == 0 || lines[0].isEmpty()) {
            throw new StrataException(ErrorCode.BAD_DATA, source + ": no header row");
        }
        String[] header = lines[0].split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] fields = lines[i].split("\t", -1);
            if (fields.length != header.length) {
                throw new StrataException(ErrorCode.BAD_DATA, source + ":" + (i + 1) + ": " + fields.length
                        + " fields but the header has " + header.length);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], unescape(fields[c], source, i + 1));
            }
            rows.add(row);
        }
        return rows;
    }

    static String escape(String field) {
        return field.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String field, String source, int line) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < field.length()) {
            char c = field.charAt(i);
            if (c != '\\') {
                int cp = field.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            char e = i + 1 < field.length() ? field.charAt(i + 1) : 0;
            switch (e) {
                case '\\' -> out.write('\\');
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 'x' -> {
                    if (i + 4 > field.length()) {
                        throw badEscape(field, source, line);
                    }
                    try {
                        out.write(Integer.parseInt(field.substring(i + 2, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw badEscape(field, source, line);
                    }
                    i += 2;
                }
                default -> throw badEscape(field, source, line);
            }
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static StrataException badEscape(String field, String source, int line) {
        return new StrataException(ErrorCode.BAD_DATA, source + ":" + line + ": bad escape in field \"" + field + "\"");
    }
}
