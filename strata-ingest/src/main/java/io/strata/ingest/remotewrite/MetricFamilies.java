package io.strata.ingest.remotewrite;

import io.strata.model.MetricType;

/**
 * Maps remote-write metric types to {@link MetricType} and series names to metric family names.
 *
 * <p>Remote write 2.0 attaches metadata to every series, while {@code /api/v1/metadata} lists it
 * by family, the name in the exposition's {@code # TYPE} line. For histograms and summaries the
 * series carry suffixes the family does not ({@code foo_bucket}, {@code foo_sum},
 * {@code foo_count} belong to {@code foo}; OpenMetrics gauge histograms use {@code _gsum} and
 * {@code _gcount}; info metrics {@code foo_info} belong to {@code foo}). Counters keep their name:
 * the Prometheus text format, the common case, names the family {@code foo_total} too.
 */
final class MetricFamilies {
    private MetricFamilies() {}

    /**
     * The type with wire number {@code number}; both remote write versions number the types alike
     * (0 is unknown or unspecified). Numbers from a future version map to {@link MetricType#UNKNOWN}.
     */
    static MetricType type(long number) {
        return switch ((int) Math.min(Math.max(number, -1), 8)) {
            case 1 -> MetricType.COUNTER;
            case 2 -> MetricType.GAUGE;
            case 3 -> MetricType.HISTOGRAM;
            case 4 -> MetricType.GAUGEHISTOGRAM;
            case 5 -> MetricType.SUMMARY;
            case 6 -> MetricType.INFO;
            case 7 -> MetricType.STATESET;
            default -> MetricType.UNKNOWN;
        };
    }

    static String familyOf(String seriesName, MetricType type) {
        return switch (type) {
            case HISTOGRAM -> strip(seriesName, "_bucket", "_sum", "_count");
            case GAUGEHISTOGRAM -> strip(seriesName, "_bucket", "_gsum", "_gcount");
            case SUMMARY -> strip(seriesName, "_sum", "_count");
            case INFO -> strip(seriesName, "_info");
            case UNKNOWN, COUNTER, GAUGE, STATESET -> seriesName;
        };
    }

    private static String strip(String name, String... suffixes) {
        for (String suffix : suffixes) {
            if (name.length() > suffix.length() && name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
