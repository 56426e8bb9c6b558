package io.strata.server.config;

import java.util.function.Function;

/**
 * One setting of {@code strata server}: its key in {@code strata.yaml} ({@code section.name}),
 * its flag, its default as text, and how a text value is checked and applied. The same parser
 * reads the file and the flag, so both give the same error for the same bad value.
 *
 * @param path key in the YAML file, e.g. {@code storage.retention}
 * @param flag command line flag without dashes, e.g. {@code retention}
 * @param paramLabel what the flag takes, for help: {@code DURATION}, {@code SIZE}
 * @param current the key's value in a configuration, written as it would be in the file
 * @param repeatable the value is a comma-separated list: the flag may be given several times and
 *     the file may hold a YAML list; all values are joined with commas before {@code applier} sees
 *     them, as Prometheus's {@code --enable-feature} does
 */
public record ConfigKey(
        String path,
        String flag,
        String paramLabel,
        String description,
        String defaultValue,
        Applier applier,
        Function<StrataConfig, String> current,
        boolean repeatable) {

    /** A key holding a single value. */
    public ConfigKey(
            String path,
            String flag,
            String paramLabel,
            String description,
            String defaultValue,
            Applier applier,
            Function<StrataConfig, String> current) {
        this(path, flag, paramLabel, description, defaultValue, applier, current, false);
    }

    public String section() {
        return path.substring(0, path.indexOf('.'));
    }

    public String name() {
        return path.substring(path.indexOf('.') + 1);
    }

    /** Parses a value and stores it in the builder. */
    @FunctionalInterface
    public interface Applier {
        /**
         * @throws IllegalArgumentException whose message names the value and what is accepted
         */
        void apply(StrataConfig.Builder builder, String value);
    }
}
