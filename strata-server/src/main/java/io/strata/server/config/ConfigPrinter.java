package io.strata.server.config;

import java.util.regex.Pattern;

/**
 * Writes a configuration as the YAML file that would produce it, every key included, and every
 * namespace with its defaults filled in.
 */
public final class ConfigPrinter {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:-]+");

    private ConfigPrinter() {}

    public static String yaml(StrataConfig config) {
        StringBuilder sb = new StringBuilder();
        String section = null;
        for (ConfigKey key : ConfigKeys.ALL) {
            if (!key.section().equals(section)) {
                section = key.section();
                sb.append(section).append(":\n");
            }
            sb.append("  ").append(key.name()).append(": ").append(scalar(key.current().apply(config))).append('\n');
        }
        AggregationPrinter.append(config.aggregation(), sb);
        return sb.toString();
    }

    /** A YAML scalar: plain when unambiguous, else double-quoted with escapes. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !value.startsWith(":") && !value.endsWith(":") && !value.contains(": ")) {
            return value;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
