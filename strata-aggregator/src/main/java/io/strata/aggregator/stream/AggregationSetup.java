package io.strata.aggregator.stream;

import io.strata.aggregator.rules.SeriesRoute;
import io.strata.aggregator.rules.SeriesRouter;
import io.strata.model.Labels;
import java.util.List;
import java.util.Map;

/**
 * The configuration the aggregator runs with: the aggregated namespaces by name and the router.
 * Replaced as a whole on a reload; the generation tells cached routes they are stale.
 *
 * @param trivial true when every series goes to raw only (no aggregated namespace, no drop rule):
 *     appends then pass straight through to the raw store
 */
public record AggregationSetup(long generation, Map<String, AggregatedNamespace> namespaces, SeriesRouter router,
        boolean trivial) {
    public AggregationSetup {
        namespaces = Map.copyOf(namespaces);
    }

    /** Where {@code labels} goes under this setup; targets naming an unknown namespace are a bug. */
    SeriesRoute route(Labels labels) {
        return router.route(labels);
    }

    AggregatedNamespace namespace(String name) {
        AggregatedNamespace ns = namespaces.get(name);
        if (ns == null) {
            throw new IllegalStateException("the router names namespace " + name + ", which is not configured; namespaces are "
                    + List.copyOf(namespaces.keySet()));
        }
        return ns;
    }
}
