package io.strata.server.namespaces;

import io.strata.aggregator.query.NamespaceQueryPlanner;
import io.strata.server.config.AggregationSettings;
import java.util.List;

/** A storage made of namespaces: what the query API, {@code /api/v1/namespaces} and reloads need of it. */
public interface Namespaced {
    /** The planner of the configuration in force. */
    NamespaceQueryPlanner planner();

    /** Every namespace in force, raw first. */
    List<NamespaceStatus> namespaces();

    /**
     * Puts {@code next} in force: namespaces are opened, changed or closed, rules replaced.
     * Either everything applies or (on an error) the running configuration stays as it was.
     *
     * @return a one-line summary of what changed
     * @throws IllegalArgumentException when {@code next} asks for what cannot change without a
     *     restart (a namespace's resolution, the raw namespace's block duration), naming it
     */
    String reload(AggregationSettings next);
}
