package io.strata.server.api;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the status endpoints report about the running server.
 *
 * @param startTime when the server started (its configuration was loaded then, once)
 * @param storageRetention as Prometheus words it: {@code 15d}, {@code 500GiB} or {@code 15d or 500GiB}
 * @param flags every setting by flag name, with its effective value as text
 * @param configYaml the effective configuration as a YAML file
 */
public record ServerFacts(Instant startTime, String storageRetention, Map<String, String> flags, String configYaml) {
    public ServerFacts {
        flags = Map.copyOf(new TreeMap<>(flags));
    }
}
