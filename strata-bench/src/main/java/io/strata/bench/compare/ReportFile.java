package io.strata.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites the generated part of a markdown file, between {@link #BEGIN} and {@link #END}, and
 * keeps everything else as written by hand. A file without the markers gets them after its title
 * (its first {@code # } line), or at the top when it has none; a missing file is created.
 */
final class ReportFile {
    static final String BEGIN = "<!-- bench-compare:begin -->";
    static final String END = "<!-- bench-compare:end -->";

    private ReportFile() {}

    /** The text of {@code existing} with the generated section replaced by (or, first time, given) {@code section}. */
    static String replaceSection(String existing, String section) {
        String block = BEGIN + "\n" + section.strip() + "\n" + END;
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        if (begin >= 0 && end > begin) {
            return existing.substring(0, begin) + block + existing.substring(end + END.length());
        }
        if (begin >= 0 || end >= 0) {
            throw new IllegalArgumentException("the file has only one of the markers " + BEGIN + " and " + END
                    + " (or END before BEGIN); fix it by hand so the generated part can be found");
        }
        if (existing.startsWith("# ")) {
            int eol = existing.indexOf('\n');
            String title = eol < 0 ? existing : existing.substring(0, eol);
            String rest = eol < 0 ? "" : existing.substring(eol + 1);
            return title + "\n\n" + block + "\n\n" + rest.stripLeading();
        }
        return block + "\n\n" + existing;
    }

    /** Rewrites {@code file}'s generated section, creating the file with a title when it is missing. */
    static void write(Path file, String section) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, replaceSection(existing, section));
    }
}
