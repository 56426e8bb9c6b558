package io.strata.server.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A YAML value read whole from the token stream, every node with the line it starts on, for the
 * sections whose shape is richer than {@code key: value} (namespaces and rules). Reading it checks
 * nothing but duplicate keys; callers check the shape and name the path and line in each error.
 */
final class YamlTree {
    private YamlTree() {}

    sealed interface Node permits Scalar, Sequence, Mapping {
        int line();

        /** "a mapping", "a list" or "a single value", for messages. */
        String kind();
    }

    /** @param text the scalar as written, {@code null} for a YAML null (a key without a value) */
    record Scalar(int line, String text) implements Node {
        @Override
        public String kind() {
            return "a single value";
        }
    }

    record Sequence(int line, List<Node> items) implements Node {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** @param entries in file order */
    record Mapping(int line, Map<String, Entry> entries) implements Node {
        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A key's value and the line the key is on. */
    record Entry(int line, Node value) {}

    /**
     * Reads the value whose first token is the parser's current token.
     *
     * @param path where the value is, for the duplicate-key message
     * @param location turns a line into the "FILE:LINE" prefix of messages
     */
    static Node read(JsonParser p, String path, Location location) {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p, path + "[" + items.size() + "]", location));
            }
            return new Sequence(line, Collections.unmodifiableList(items));
        }
        if (t == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String key = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                Node value = read(p, path + "." + key, location);
                Entry earlier = entries.putIfAbsent(key, new Entry(keyLine, value));
                if (earlier != null) {
                    throw new ConfigException(location.at(keyLine) + ": key \"" + path + "." + key + "\" is given twice (first on line "
                            + earlier.line() + ")");
                }
            }
            return new Mapping(line, Collections.unmodifiableMap(entries));
        }
        return new Scalar(line, t == JsonToken.VALUE_NULL ? null : p.getString());
    }

    /** Makes the "FILE:LINE" prefix of an error. */
    @FunctionalInterface
    interface Location {
        String at(int line);
    }
}
