package io.strata.storage;

import io.strata.model.Labels;

/** One series returned by a {@link Querier}: its labels and a way to read its samples. */
public interface Series {
    Labels labels();

    /**
     * A cursor positioned before the first sample of this series inside the querier's time range.
     * When {@code reuse} is a cursor this series can recycle (same implementation), it is reset and
     * returned instead of allocating a new one; otherwise it is ignored. Pass {@code null} freely.
     */
    SampleCursor cursor(SampleCursor reuse);
}
