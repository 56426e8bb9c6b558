package io.strata.testing.promql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the conformance data lives, seen from the module directory that surefire runs in. */
final class Corpus {
    static final Path DATA = Path.of("..", "testdata", "promql");
    static final Path SCRIPTS = DATA.resolve("corpus");

    private Corpus() {
    }

    static String read(String name) {
        try {
            return Files.readString(DATA.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
