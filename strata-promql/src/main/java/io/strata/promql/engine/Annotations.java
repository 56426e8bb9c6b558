package io.strata.promql.engine;

import io.strata.promql.ast.PositionRange;

import java.util.LinkedHashSet;
import java.util.Set;

/** Warnings and infos of one query: a set, kept in first-seen order. */
public final class Annotations {
    private final Set<Annotation> annotations = new LinkedHashSet<>();

    public void warn(String message, PositionRange position) {
        annotations.add(Annotation.warning(message, position));
    }

    public void info(String message, PositionRange position) {
        annotations.add(Annotation.info(message, position));
    }

    Set<Annotation> all() {
        return annotations;
    }
}
