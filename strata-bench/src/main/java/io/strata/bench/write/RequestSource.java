package io.strata.bench.write;

/** The requests one connection sends, in order. Used by one thread. */
interface RequestSource {
    /**
     * The next request, or {@code null} when there are no more. The returned body is valid until
     * the next call. May block: a live source waits for the next interval.
     */
    EncodedRequest next() throws InterruptedException;

    /** Requests this source will produce in total. */
    long requests();
}
