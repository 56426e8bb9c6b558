package io.strata.server.config;

import io.strata.server.config.YamlTree.Entry;
import io.strata.server.config.YamlTree.Mapping;
import io.strata.server.config.YamlTree.Node;
import io.strata.server.config.YamlTree.Scalar;
import io.strata.server.config.YamlTree.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Shape checks on a {@link YamlTree} with "FILE:LINE: path: message" errors. */
final class TreeReader {
    private final YamlTree.Location location;

    TreeReader(YamlTree.Location location) {
        this.location = location;
    }

    ConfigException error(int line, String path, String message) {
        return new ConfigException(location.at(line) + ": " + path + ": " + message);
    }

    /** The node as a mapping whose keys are all in {@code keys}. */
    Mapping mapping(Node node, String path, String what, List<String> keys, String example) {
        if (!(node instanceof Mapping m)) {
            throw error(node.line(), path, "must be a mapping describing " + what + ", like \"" + example + "\", not "
                    + node.kind());
        }
        for (var e : m.entries().entrySet()) {
            if (!keys.contains(e.getKey())) {
                throw new ConfigException(location.at(e.getValue().line()) + ": unknown key \"" + path + "." + e.getKey() + "\""
                        + suggestion(e.getKey(), keys) + "; keys of " + what + " are " + String.join(", ", keys));
            }
        }
        return m;
    }

    /** The list under a key: a YAML list, or null; {@code null} when the node is null or absent. */
    Sequence list(Entry entry, String path) {
        if (entry == null || entry.value() instanceof Scalar s && s.text() == null) {
            return null;
        }
        if (!(entry.value() instanceof Sequence seq)) {
            throw error(entry.line(), path, "must be a list, not " + entry.value().kind());
        }
        return seq;
    }

    /** A single value, or {@code null} when the key is absent; a key without a value is an error. */
    String scalar(Entry entry, String path) {
        if (entry == null) {
            return null;
        }
        if (!(entry.value() instanceof Scalar s)) {
            throw error(entry.line(), path, "must be a single value, not " + entry.value().kind());
        }
        if (s.text() == null) {
            throw error(entry.line(), path, "has no value");
        }
        return s.text();
    }

    /** A list of single values; a lone value counts as a list of one. {@code null} when absent. */
    List<Item> strings(Entry entry, String path) {
        if (entry == null) {
            return null;
        }
        List<Item> out = new ArrayList<>();
        if (entry.value() instanceof Scalar s) {
            if (s.text() == null) {
                throw error(entry.line(), path, "has no value");
            }
            out.add(new Item(entry.line(), s.text()));
            return out;
        }
        for (Node n : list(entry, path).items()) {
            if (!(n instanceof Scalar s) || s.text() == null) {
                throw error(n.line(), path, "list items must be single values");
            }
            out.add(new Item(n.line(), s.text()));
        }
        return out;
    }

    /** One value of a list and its line. */
    record Item(int line, String text) {}

    static List<String> texts(List<Item> items) {
        List<String> out = new ArrayList<>();
        for (Item i : items) {
            out.add(i.text());
        }
        return out;
    }

    /** {@code "; did you mean \"x\"?"} when one candidate is a likely typo of {@code word}, else "". */
    static String suggestion(String word, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = EditDistance.between(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 4) ? "; did you mean \"" + best + "\"?" : "";
    }
}
