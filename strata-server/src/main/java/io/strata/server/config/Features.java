package io.strata.server.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The optional features {@code --enable-feature} turns on, by Prometheus's names. Only PromQL
 * features exist so far; a name Strata does not know is an error naming it, where Prometheus
 * would only log a warning, so that a typo cannot silently leave a feature off.
 */
public final class Features {
    /** Experimental functions and the {@code limitk}/{@code limit_ratio} aggregations. */
    public static final String EXPERIMENTAL_FUNCTIONS = "promql-experimental-functions";
    /** Arithmetic in ranges and offsets; on by default since Prometheus 3.14, accepted for old configs. */
    public static final String DURATION_EXPRESSIONS = "promql-duration-expr";
    /** The {@code anchored} and {@code smoothed} range selector modifiers. */
    public static final String EXTENDED_RANGE_SELECTORS = "promql-extended-range-selectors";
    /** {@code fill()}, {@code fill_left()} and {@code fill_right()} on binary operators. */
    public static final String BINOP_FILL_MODIFIERS = "promql-binop-fill-modifiers";
    /** Drop {@code __name__} only at the end of evaluation. */
    public static final String DELAYED_NAME_REMOVAL = "promql-delayed-name-removal";

    public static final List<String> KNOWN = List.of(
            EXPERIMENTAL_FUNCTIONS,
            DURATION_EXPRESSIONS,
            EXTENDED_RANGE_SELECTORS,
            BINOP_FILL_MODIFIERS,
            DELAYED_NAME_REMOVAL);

    private Features() {}

    /**
     * Parses a comma-separated list; blanks around names and empty entries are ignored.
     *
     * @throws IllegalArgumentException naming the first unknown feature and the known ones
     */
    public static Set<String> parse(String list) {
        Set<String> enabled = new TreeSet<>();
        for (String part : list.split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown feature \"" + name + "\"; known features are "
                        + String.join(", ", KNOWN));
            }
            enabled.add(name);
        }
        return Set.copyOf(enabled);
    }

    /** The list as the file or flag would hold it, sorted. */
    public static String format(Set<String> enabled) {
        return String.join(",", new TreeSet<>(enabled));
    }
}
