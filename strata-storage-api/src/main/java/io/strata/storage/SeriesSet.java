package io.strata.storage;

import java.util.List;

/**
 * A forward-only sequence of series. Call {@link #next()} before the first {@link #at()}.
 * Unless the select asked for sorted output, series come in no particular order.
 * Failures are thrown as {@link io.strata.model.StrataException}; non-fatal problems (a
 * partial result) are reported through {@link #warnings()} once iteration ends.
 */
public interface SeriesSet {
    boolean next();

    /** The current series; valid until the next call to {@link #next()}. */
    Series at();

    /** Warnings collected so far, for the API's {@code warnings} field. */
    default List<String> warnings() {
        return List.of();
    }

    SeriesSet EMPTY = new SeriesSet() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public Series at() {
            throw new IllegalStateException("BUG: at() on an empty series set");
        }
    };
}
