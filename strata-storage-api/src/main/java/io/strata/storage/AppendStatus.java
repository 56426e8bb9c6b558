package io.strata.storage;

/**
 * Outcome of one {@link Appender#append}. Rejections are statuses, not exceptions, so a batch
 * of a million samples with a few bad ones costs no stack traces (STYLE section 6).
 */
public enum AppendStatus {
    OK,
    /** Older than the newest sample of the series by more than the out-of-order window. */
    OUT_OF_ORDER,
    /** Same timestamp as a stored sample but a different value. */
    DUPLICATE,
    /** Older than the retention period: it would be deleted at once. */
    TOO_OLD,
    /** Too far in the future. */
    TOO_FAR_IN_FUTURE,
    /** The series cannot be created (a limit on series was reached). */
    SERIES_LIMIT,
    /**
     * Only from {@link Appender#appendByRef}: the ref names no series this storage holds now (the
     * series was removed, the store restarted, or the ref came from another store). Not a verdict
     * on the sample, which was neither stored nor judged: the caller appends it again with its
     * labels through {@link Appender#append}.
     */
    UNKNOWN_SERIES;

    public boolean ok() {
        return this == OK;
    }
}
