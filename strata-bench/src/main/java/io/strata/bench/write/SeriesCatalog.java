package io.strata.bench.write;

import io.strata.model.Labels;
import io.strata.model.MetricType;
import io.strata.testing.generate.NodeExporterDataset;

/**
 * The dataset plus the labels and types of all its series, built once so that encoding a request
 * reads them instead of rebuilding label sets per sample. Immutable after construction; shared by
 * all encoding threads.
 */
final class SeriesCatalog {
    private final NodeExporterDataset dataset;
    private final Labels[] labels;
    private final MetricType[] types;

    SeriesCatalog(NodeExporterDataset dataset) {
        this.dataset = dataset;
        int n = dataset.seriesCount();
        labels = new Labels[n];
        types = new MetricType[n];
        for (int s = 0; s < n; s++) {
            labels[s] = dataset.labels(s);
            types[s] = dataset.metricType(s);
        }
    }

    NodeExporterDataset dataset() {
        return dataset;
    }

    Labels labels(int series) {
        return labels[series];
    }

    MetricType type(int series) {
        return types[series];
    }
}
