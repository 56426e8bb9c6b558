package io.strata.promql.engine;

import io.strata.model.GoQuote;
import io.strata.model.Labels;

/** Label sets printed as Prometheus's {@code labels.Labels.String()} does, for error messages. */
public final class LabelsText {
    private LabelsText() {
    }

    /** {@code {__name__="up", job="api"}}: every label, the name included, in braces. */
    public static String braces(Labels labels) {
        StringBuilder sb = new StringBuilder("{");
        labels.forEach((name, value) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(name).append('=').append(GoQuote.quote(value));
        });
        return sb.append('}').toString();
    }
}
