package io.strata.model;

import java.util.Objects;

/** Type, help and unit of a metric family, as sent by remote write 2.0 and served by /api/v1/metadata. */
public record MetricMetadata(MetricType type, String help, String unit) {
    public MetricMetadata {
        Objects.requireNonNull(type, "type");
        help = help == null ? "" : help;
        unit = unit == null ? "" : unit;
    }
}
