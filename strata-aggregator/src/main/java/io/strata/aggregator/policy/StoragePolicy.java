package io.strata.aggregator.policy;

import io.strata.promql.parse.PromDurations;

/**
 * How a namespace keeps data, written {@code resolution:retention} as in M3: {@code raw:15d} keeps
 * every sample for 15 days, {@code 1m:90d} keeps one aggregated sample per series and minute for
 * 90 days.
 *
 * @param resolutionMillis width of an aggregation window, 0 for raw (unaggregated) data
 * @param retentionMillis how long data is kept, always positive
 */
public record StoragePolicy(long resolutionMillis, long retentionMillis) {
    public StoragePolicy {
        if (resolutionMillis < 0 || retentionMillis <= 0) {
            throw new IllegalArgumentException("a storage policy needs a resolution of at least 0 and a retention above 0, got "
                    + resolutionMillis + "ms:" + retentionMillis + "ms");
        }
        if (resolutionMillis > 0 && resolutionMillis >= retentionMillis) {
            throw new IllegalArgumentException("the resolution " + PromDurations.format(resolutionMillis)
                    + " must be shorter than the retention " + PromDurations.format(retentionMillis));
        }
        if (resolutionMillis % 1000 != 0) {
            throw new IllegalArgumentException("the resolution must be a whole number of seconds, got "
                    + PromDurations.format(resolutionMillis));
        }
    }

    /** Raw data kept for {@code retentionMillis}. */
    public static StoragePolicy raw(long retentionMillis) {
        return new StoragePolicy(0, retentionMillis);
    }

    /**
     * Parses {@code resolution:retention}: {@code raw:15d}, {@code 1m:90d}, {@code 1h:5y}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static StoragePolicy parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("invalid storage policy \"" + text
                    + "\": write resolution:retention, like raw:15d, 1m:90d or 1h:5y");
        }
        String resolution = text.substring(0, colon).strip();
        String retention = text.substring(colon + 1).strip();
        if (retention.isEmpty()) {
            throw new IllegalArgumentException("invalid storage policy \"" + text + "\": the retention after ':' is missing");
        }
        long retentionMillis = duration(text, "retention", retention);
        if (retentionMillis <= 0) {
            throw new IllegalArgumentException("invalid storage policy \"" + text + "\": the retention must be above 0");
        }
        if (resolution.equals("raw")) {
            return raw(retentionMillis);
        }
        long resolutionMillis = duration(text, "resolution", resolution);
        if (resolutionMillis <= 0) {
            throw new IllegalArgumentException("invalid storage policy \"" + text
                    + "\": the resolution must be above 0 (write raw for unaggregated data)");
        }
        try {
            return new StoragePolicy(resolutionMillis, retentionMillis);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid storage policy \"" + text + "\": " + e.getMessage());
        }
    }

    private static long duration(String text, String part, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("invalid storage policy \"" + text + "\": the " + part + " is missing");
        }
        try {
            return PromDurations.parseMillis(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid storage policy \"" + text + "\": " + part + " " + e.getMessage());
        }
    }

    public boolean isRaw() {
        return resolutionMillis == 0;
    }

    /** {@code raw:15d} or {@code 1m:90d}, the form {@link #parse} reads. */
    @Override
    public String toString() {
        return (isRaw() ? "raw" : PromDurations.format(resolutionMillis)) + ":" + PromDurations.format(retentionMillis);
    }
}
