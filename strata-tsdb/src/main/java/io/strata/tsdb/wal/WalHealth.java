package io.strata.tsdb.wal;

import java.time.Instant;

/** The WAL's state as the readiness endpoint sees it: a state, why, and since when. */
record WalHealth(State state, String reason, Instant since) {
    enum State {
        /** Appends and fsyncs work. */
        HEALTHY,
        /**
         * The last write failed (disk full, I/O error) and its partial frame was removed; the
         * segment is intact. The next append simply tries again.
         */
        WRITE_FAILED,
        /**
         * An fsync failed (or a partial frame could not be removed), so the active segment's
         * unsynced bytes cannot be trusted. Appends are refused until recovery cuts a new segment.
         */
        SEGMENT_FAILED,
        /** {@link Wal#close()} was called. */
        CLOSED
    }

    static WalHealth healthy(Instant since) {
        return new WalHealth(State.HEALTHY, "", since);
    }

    boolean acceptsAppends() {
        return state == State.HEALTHY || state == State.WRITE_FAILED;
    }
}
