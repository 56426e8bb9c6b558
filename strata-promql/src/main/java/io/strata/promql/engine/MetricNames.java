package io.strata.promql.engine;

import io.strata.model.Labels;

/**
 * Dropping the metric name. Since Prometheus 3.5 the type-and-unit labels {@code __type__} and
 * {@code __unit__} describe the metric name, so they go with it.
 */
public final class MetricNames {
    public static final String TYPE_LABEL = "__type__";
    public static final String UNIT_LABEL = "__unit__";

    private MetricNames() {
    }

    public static Labels drop(Labels labels) {
        if (!labels.has(Labels.METRIC_NAME) && !labels.has(TYPE_LABEL) && !labels.has(UNIT_LABEL)) {
            return labels;
        }
        return labels.without(Labels.METRIC_NAME, TYPE_LABEL, UNIT_LABEL);
    }
}
