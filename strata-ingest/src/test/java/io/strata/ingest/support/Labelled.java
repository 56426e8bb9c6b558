package io.strata.ingest.support;

import java.util.List;

/** Shorthand for label lists in the order they go on the wire. */
public final class Labelled {
    private Labelled() {}

    public static List<String> labels(String... namesAndValues) {
        return List.of(namesAndValues);
    }
}
