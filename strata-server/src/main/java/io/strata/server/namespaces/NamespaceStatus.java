package io.strata.server.namespaces;

import io.strata.aggregator.policy.NamespaceSpec;

/**
 * One namespace as {@code /api/v1/namespaces} shows it.
 *
 * @param directory where it lives, relative to the data directory ({@code .} for raw)
 * @param headSeries series its head holds now
 */
public record NamespaceStatus(NamespaceSpec spec, String directory, long headSeries) {}
