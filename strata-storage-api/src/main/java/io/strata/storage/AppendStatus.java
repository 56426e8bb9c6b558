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
    SERIES_LIMIT;

    public boolean ok() {
        return this == OK;
    }
}
