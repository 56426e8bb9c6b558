package io.strata.model;

import java.util.Locale;

/** Metric types as Prometheus's metadata API names them. */
public enum MetricType {
    UNKNOWN,
    COUNTER,
    GAUGE,
    HISTOGRAM,
    GAUGEHISTOGRAM,
    SUMMARY,
    INFO,
    STATESET;

    /** The lower-case name used in JSON ({@code counter}, {@code gauge}, ...). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
