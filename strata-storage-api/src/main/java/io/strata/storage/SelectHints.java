package io.strata.storage;

/**
 * What the caller will do with a select, so storage may prune or pre-aggregate.
 *
 * @param start first timestamp (ms, inclusive) the caller needs
 * @param end last timestamp (ms, inclusive) the caller needs
 * @param step query resolution in ms, 0 for an instant query or a raw read
 * @param function the PromQL function wrapping the selector, or {@code null}
 * @param limit maximum number of series wanted, 0 for no limit
 * @param labelsOnly true when only the labels are needed, never samples (series API)
 */
public record SelectHints(long start, long end, long step, String function, int limit, boolean labelsOnly) {
    public static SelectHints range(long start, long end) {
        return new SelectHints(start, end, 0, null, 0, false);
    }

    public static SelectHints labelsOnly(long start, long end, int limit) {
        return new SelectHints(start, end, 0, null, limit, true);
    }
}
