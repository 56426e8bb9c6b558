package io.strata.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * Builds a {@link StrataConfig} from defaults, an optional YAML file and flags, in that order of
 * increasing precedence. The file has one mapping per section:
 *
 * <pre>
 * http:
 *   port: 7201
 * storage:
 *   dataDir: /var/lib/strata
 *   retention: 30d
 * </pre>
 *
 * The {@code namespaces} list and the {@code rules} section have richer shapes; see
 * {@link NamespacesSection} and {@link RulesSection}.
 *
 * <p>Unknown sections or keys, values of the wrong form and YAML syntax errors are
 * {@link ConfigException}s naming the file, the line and the key: a typo must not silently fall
 * back to a default.
 */
public final class ConfigLoader {
    /** The file read when {@code --config} is not given, if it exists in the working directory. */
    public static final String DEFAULT_FILE_NAME = "strata.yaml";

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final String RETENTION_KEY = "storage.retention";
    private static final String NAMESPACES = "namespaces";
    private static final String RULES = "rules";

    private ConfigLoader() {}

    /** The merged configuration and the file it came from ({@code null} when none was read). */
    public record Loaded(StrataConfig config, Path file) {}

    /**
     * @param explicitFile the {@code --config} file, which must exist, or {@code null}
     * @param defaultFile read only if it exists when {@code explicitFile} is null; may be null
     * @param flags raw flag values by key, for flags given on the command line
     */
    public static Loaded load(Path explicitFile, Path defaultFile, Map<ConfigKey, String> flags) {
        StrataConfig.Builder builder = new StrataConfig.Builder();
        Path file = explicitFile;
        if (file == null && defaultFile != null && Files.isRegularFile(defaultFile)) {
            file = defaultFile;
        }
        if (file != null) {
            applyFile(file, builder);
        }
        for (Map.Entry<ConfigKey, String> flag : flags.entrySet()) {
            ConfigKey key = flag.getKey();
            try {
                key.applier().apply(builder, flag.getValue());
                if (key.path().equals(RETENTION_KEY)) {
                    builder.retentionSource = "--" + key.flag();
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException("invalid value for --" + key.flag() + ": " + e.getMessage());
            }
        }
        return new Loaded(build(builder, file), file);
    }

    private static StrataConfig build(StrataConfig.Builder builder, Path file) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException((file == null ? "" : "settings from " + file + " and flags: ") + e.getMessage());
        }
    }

    /** Reads only a file, for tests and tools. */
    public static StrataConfig fromFile(Path file) {
        StrataConfig.Builder builder = new StrataConfig.Builder();
        applyFile(file, builder);
        return build(builder, file);
    }

    /**
     * Re-reads the {@code namespaces} and {@code rules} sections of a file for a configuration
     * reload ({@code POST /-/reload}). The whole file is read and checked, but only these two
     * sections are returned: every other setting needs a restart. Their defaults come from the
     * running configuration's storage settings (which may hold flags), except that a
     * {@code storage.retention} given in the file is what a raw policy in the file is checked
     * against.
     *
     * @throws ConfigException naming the file, line and key of any problem in the file
     */
    public static AggregationSettings reloadAggregation(Path file, StrataConfig running) {
        StrataConfig.Builder builder = new StrataConfig.Builder();
        applyFile(file, builder);
        build(builder, file);
        StrataConfig.StorageSettings storage = running.storage();
        return AggregationSections.resolve(builder.namespacesSection, builder.rulesSection, builder.sectionLocation,
                new NamespacesSection.StorageDefaults(
                        builder.retentionSource != null ? builder.retention : storage.retention(),
                        storage.blockDuration(),
                        storage.outOfOrderWindow(),
                        builder.retentionSource)).settings();
    }

    private static void applyFile(Path file, StrataConfig.Builder builder) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonParser p = YAML.createParser(ObjectReadContext.empty(), reader)) {
            new FileReader(file, p, builder).read();
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            String where = loc == null ? file.toString() : file + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new ConfigException(where + ": not valid YAML: " + oneLine(e.getOriginalMessage()), e);
        }
    }

    /**
     * The YAML parser's message without its echo of the source and caret lines, which are
     * indented: "while parsing a block mapping: expected <block end>, but found '['".
     */
    static String oneLine(String message) {
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\\R")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                if (!sb.isEmpty()) {
                    sb.append(": ");
                }
                sb.append(line.strip());
            }
        }
        return sb.isEmpty() ? message.strip() : sb.toString();
    }

    /** Walks the token stream of one file, remembering lines for messages. */
    private static final class FileReader {
        private final Path file;
        private final JsonParser p;
        private final StrataConfig.Builder builder;
        private final Map<String, Integer> seenOnLine = new HashMap<>();

        FileReader(Path file, JsonParser p, StrataConfig.Builder builder) {
            this.file = file;
            this.p = p;
            this.builder = builder;
        }

        void read() {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.VALUE_NULL) {
                return; // an empty file configures nothing
            }
            if (t != JsonToken.START_OBJECT) {
                throw error(line(), "the top level must be a mapping of sections " + sections());
            }
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                readSection(p.currentName(), line());
            }
            if (p.nextToken() != null) {
                throw error(line(), "only one YAML document is allowed");
            }
        }

        private void readSection(String section, int line) {
            if (!sections().contains(section)) {
                throw error(line, "unknown section \"" + section + "\"" + suggestion(section, sections())
                        + "; sections are " + String.join(", ", sections()));
            }
            if (section.equals(NAMESPACES) || section.equals(RULES)) {
                Integer earlier = seenOnLine.putIfAbsent(section, line);
                if (earlier != null) {
                    throw error(line, "section \"" + section + "\" is given twice (first on line " + earlier + ")");
                }
                p.nextToken();
                YamlTree.Location location = l -> file + ":" + l;
                YamlTree.Node node = YamlTree.read(p, section, location);
                builder.sectionLocation = location;
                if (section.equals(NAMESPACES)) {
                    builder.namespacesSection = node;
                } else {
                    builder.rulesSection = node;
                }
                return;
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            if (t != JsonToken.START_OBJECT) {
                throw error(line, "section \"" + section + "\" must be a mapping of keys, like \"" + section
                        + ":\\n  " + namesIn(section).get(0) + ": ...\"");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                readKey(section, p.currentName(), line());
            }
        }

        private void readKey(String section, String name, int line) {
            String path = section + "." + name;
            ConfigKey key = ConfigKeys.byPath(path);
            if (key == null) {
                List<String> names = namesIn(section);
                throw error(line, "unknown key \"" + path + "\"" + suggestion(name, names) + "; keys in " + section
                        + " are " + String.join(", ", names));
            }
            Integer earlier = seenOnLine.putIfAbsent(path, line);
            if (earlier != null) {
                throw error(line, "key \"" + path + "\" is given twice (first on line " + earlier + ")");
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                throw error(line, path + ": has no value (default: " + key.defaultValue() + ")");
            }
            String value;
            if (t == JsonToken.START_ARRAY && key.repeatable()) {
                value = readList(path, line);
            } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                throw error(line, path + ": must be a single value, not a " + (t == JsonToken.START_OBJECT ? "mapping" : "list"));
            } else {
                value = p.getString();
            }
            try {
                key.applier().apply(builder, value);
            } catch (IllegalArgumentException e) {
                throw error(line, path + ": " + e.getMessage());
            }
            if (path.equals(RETENTION_KEY)) {
                builder.retentionSource = RETENTION_KEY + " (line " + line + ")";
            }
        }

        /** A list of single values, joined with commas as the flag would give them. */
        private String readList(String path, int line) {
            List<String> items = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY || t == JsonToken.VALUE_NULL) {
                    throw error(line(), path + ": list items must be single values");
                }
                items.add(p.getString());
            }
            return String.join(",", items);
        }

        private int line() {
            return p.currentTokenLocation().getLineNr();
        }

        private ConfigException error(int line, String message) {
            return new ConfigException(file + ":" + line + ": " + message);
        }
    }

    private static Set<String> sections() {
        Set<String> sections = new LinkedHashSet<>();
        for (ConfigKey k : ConfigKeys.ALL) {
            sections.add(k.section());
        }
        sections.add(NAMESPACES);
        sections.add(RULES);
        return sections;
    }

    private static List<String> namesIn(String section) {
        List<String> names = new ArrayList<>();
        for (ConfigKey k : ConfigKeys.ALL) {
            if (k.section().equals(section)) {
                names.add(k.name());
            }
        }
        return names;
    }

    /** {@code "; did you mean \"x\"?"} when one candidate is a likely typo of {@code word}, else "". */
    private static String suggestion(String word, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = EditDistance.between(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 4) ? "; did you mean \"" + best + "\"?" : "";
    }
}
