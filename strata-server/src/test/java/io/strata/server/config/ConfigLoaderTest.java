package io.strata.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.server.config.StrataConfig.WalSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheDocumentedValues() {
        StrataConfig c = StrataConfig.defaults();
        assertThat(c.http().listenAddress()).isEqualTo("0.0.0.0");
        assertThat(c.http().port()).isEqualTo(7201);
        assertThat(c.http().adminApi()).isTrue();
        assertThat(c.storage().dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.storage().retention()).isEqualTo(Duration.ofDays(15));
        assertThat(c.storage().retentionSizeBytes()).isZero();
        assertThat(c.storage().blockDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(c.storage().outOfOrderWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.storage().walSync()).isEqualTo(WalSync.INTERVAL);
        assertThat(c.storage().walSyncInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.storage().walSegmentSizeBytes()).isEqualTo(128L << 20);
        assertThat(c.limits().maxRequestBytes()).isEqualTo(32L << 20);
        assertThat(c.limits().maxDecompressedBytes()).isEqualTo(64L << 20);
        assertThat(c.limits().maxLabelsPerSeries()).isEqualTo(64);
        assertThat(c.limits().maxLabelNameLength()).isEqualTo(1024);
        assertThat(c.limits().maxLabelValueLength()).isEqualTo(4096);
        assertThat(c.limits().maxFutureSkew()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.limits().maxSeries()).isZero();
        assertThat(c.ingest().sortUnsortedLabels()).isFalse();
    }

    @Test
    void flagBeatsFileBeatsDefault() throws IOException {
        Path file = write("strata.yaml", """
                http:
                  port: 9000
                storage:
                  retention: 30d
                  walSync: always
                """);
        StrataConfig c = ConfigLoader.load(file, null, Map.of(ConfigKeys.byPath("storage.retention"), "90d")).config();
        assertThat(c.http().port()).isEqualTo(9000); // file
        assertThat(c.storage().retention()).isEqualTo(Duration.ofDays(90)); // flag over file
        assertThat(c.storage().walSync()).isEqualTo(WalSync.ALWAYS); // file
        assertThat(c.storage().blockDuration()).isEqualTo(Duration.ofHours(2)); // default
    }

    @Test
    void defaultFileIsReadOnlyWhenPresent() throws IOException {
        Path absent = dir.resolve("strata.yaml");
        ConfigLoader.Loaded none = ConfigLoader.load(null, absent, Map.of());
        assertThat(none.file()).isNull();
        write("strata.yaml", "http:\n  port: 7300\n");
        ConfigLoader.Loaded loaded = ConfigLoader.load(null, absent, Map.of());
        assertThat(loaded.file()).isEqualTo(absent);
        assertThat(loaded.config().http().port()).isEqualTo(7300);
    }

    @Test
    void everyKeyRoundTripsThroughThePrintedYaml() throws IOException {
        Map<ConfigKey, String> flags = new LinkedHashMap<>();
        flags.put(ConfigKeys.byPath("storage.dataDir"), "/var/lib/strata data");
        flags.put(ConfigKeys.byPath("storage.retentionSize"), "10GB");
        flags.put(ConfigKeys.byPath("limits.maxFutureSkew"), "1h30m");
        flags.put(ConfigKeys.byPath("http.listenAddress"), "::");
        StrataConfig c = ConfigLoader.load(null, null, flags).config();
        Path file = write("printed.yaml", ConfigPrinter.yaml(c));
        assertThat(ConfigLoader.fromFile(file)).isEqualTo(c);
    }

    @Test
    void emptyFileAndEmptySectionsConfigureNothing() throws IOException {
        assertThat(ConfigLoader.fromFile(write("empty.yaml", ""))).isEqualTo(StrataConfig.defaults());
        assertThat(ConfigLoader.fromFile(write("sections.yaml", "http:\nstorage:\n"))).isEqualTo(StrataConfig.defaults());
    }

    @Test
    void unknownKeyNamesFileLineKeyAndSuggestion() throws IOException {
        Path file = write("strata.yaml", "storage:\n  dataDir: /d\n  retension: 30d\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: unknown key \"storage.retension\"; did you mean \"retention\"?; keys in storage are "
                        + "dataDir, retention, retentionSize, blockDuration, outOfOrderWindow, walSync, walSyncInterval, "
                        + "walSegmentSize");
    }

    @Test
    void unknownSectionIsAnError() throws IOException {
        Path file = write("strata.yaml", "\nstorag:\n  dataDir: /d\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(file))
                .hasMessage(file + ":2: unknown section \"storag\"; did you mean \"storage\"?; sections are http, storage, "
                        + "limits, ingest, query, features, namespaces, rules");
    }

    @Test
    void badValueNamesFileLineKeyAndValue() throws IOException {
        Path file = write("strata.yaml", "http:\n  port: 7201\nstorage:\n  retention: 15x\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(file))
                .hasMessageStartingWith(file + ":4: storage.retention: not a valid duration: \"15x\"");
        Path port = write("port.yaml", "http:\n  port: 70000\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(port))
                .hasMessage(port + ":2: http.port: \"70000\" is out of range [0, 65535]");
        Path walSync = write("wal.yaml", "storage:\n  walSync: sometimes\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(walSync))
                .hasMessage(walSync + ":2: storage.walSync: not interval or always: \"sometimes\"");
    }

    @Test
    void structuralMistakesAreErrors() throws IOException {
        Path list = write("list.yaml", "http:\n  port: [1, 2]\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(list)).hasMessage(list + ":2: http.port: must be a single value, not a list");
        Path empty = write("novalue.yaml", "http:\n  port:\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(empty)).hasMessage(empty + ":2: http.port: has no value (default: 7201)");
        Path twice = write("twice.yaml", "http:\n  port: 1\n  port: 2\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(twice))
                .hasMessage(twice + ":3: key \"http.port\" is given twice (first on line 2)");
        Path scalar = write("scalar.yaml", "http: 7201\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(scalar)).hasMessageStartingWith(scalar + ":1: section \"http\" must be a mapping");
        Path top = write("top.yaml", "- a\n- b\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(top)).hasMessageStartingWith(top + ":1: the top level must be a mapping");
    }

    @Test
    void yamlSyntaxErrorNamesLineAndColumn() throws IOException {
        Path file = write("broken.yaml", "http:\n  port: 7201\n storage: [\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3:2: not valid YAML: while parsing a block mapping: "
                        + "expected <block end>, but found '<block mapping start>'");
    }

    @Test
    void explicitFileMustExist() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, null, Map.of()))
                .hasMessage("config file " + missing + " does not exist");
    }

    @Test
    void badFlagValueNamesTheFlag() {
        assertThatThrownBy(() -> ConfigLoader.load(null, null, Map.of(ConfigKeys.byPath("storage.retentionSize"), "lots")))
                .hasMessageStartingWith("invalid value for --retention-size: not a valid byte size: \"lots\"");
    }

    @Test
    void outOfOrderWindowMustFitInABlock() throws IOException {
        Path file = write("strata.yaml", "storage:\n  outOfOrderWindow: 3h\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, null, Map.of()))
                .hasMessage("settings from " + file + " and flags: storage.outOfOrderWindow (3h) must not exceed "
                        + "storage.blockDuration (2h): late samples are merged into the head before it is cut into a block");
        assertThat(ConfigLoader.load(file, null, Map.of(ConfigKeys.byPath("storage.blockDuration"), "4h"))
                .config().storage().outOfOrderWindow()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void blockDurationIsWholeMinutes() {
        assertThatThrownBy(() -> ConfigLoader.load(null, null, Map.of(ConfigKeys.byPath("storage.blockDuration"), "90s")))
                .hasMessage("invalid value for --block-duration: must be a whole number of minutes, at least 1m, got 1m30s");
    }

    @Test
    void everyKeyHasAUniqueFlagAndADefaultThatParses() {
        assertThat(ConfigKeys.ALL).extracting(ConfigKey::flag).doesNotHaveDuplicates();
        assertThat(ConfigKeys.ALL).extracting(ConfigKey::path).doesNotHaveDuplicates();
        StrataConfig defaults = StrataConfig.defaults();
        for (ConfigKey key : ConfigKeys.ALL) {
            assertThat(key.path()).matches("[a-z]+\\.[a-z][A-Za-z]+");
            // Prometheus-style dotted flags (query.max-samples) for settings Prometheus has too.
            assertThat(key.flag()).matches("[a-z]+([.-][a-z]+)*");
            // The default shown in help means the same value as the one printed from the config.
            StrataConfig.Builder b = new StrataConfig.Builder();
            key.applier().apply(b, key.current().apply(defaults));
            assertThat(b.build()).as(key.path()).isEqualTo(defaults);
        }
    }

    @Test
    void queryDefaultsAreFromPrometheus() {
        StrataConfig c = StrataConfig.defaults();
        assertThat(c.query().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.query().maxSamples()).isEqualTo(50_000_000);
        assertThat(c.query().maxSeries()).isZero();
        assertThat(c.query().lookbackDelta()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.features().enabled()).isEmpty();
    }

    @Test
    void querySettingsFromFileAndFlags() throws IOException {
        Path file = write("strata.yaml", """
                query:
                  timeout: 30s
                  maxSeries: 1000
                  lookbackDelta: 1m
                """);
        StrataConfig c = ConfigLoader.load(file, null, Map.of(ConfigKeys.byPath("query.maxSamples"), "1000000")).config();
        assertThat(c.query().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.query().maxSeries()).isEqualTo(1000);
        assertThat(c.query().lookbackDelta()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.query().maxSamples()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> ConfigLoader.load(null, null, Map.of(ConfigKeys.byPath("query.timeout"), "0s")))
                .hasMessage("invalid value for --query.timeout: must be greater than 0, got 0s");
    }

    @Test
    void featuresAreACommaListOrAYamlList() throws IOException {
        Path file = write("strata.yaml", """
                features:
                  enable:
                    - promql-experimental-functions
                    - promql-delayed-name-removal, promql-duration-expr
                """);
        assertThat(ConfigLoader.fromFile(file).features().enabled()).containsExactlyInAnyOrder(
                "promql-experimental-functions", "promql-delayed-name-removal", "promql-duration-expr");
        StrataConfig c = ConfigLoader.load(null, null, Map.of(ConfigKeys.byPath("features.enable"),
                "promql-extended-range-selectors,,promql-binop-fill-modifiers ")).config();
        assertThat(c.features().isEnabled(Features.EXTENDED_RANGE_SELECTORS)).isTrue();
        assertThat(c.features().isEnabled(Features.BINOP_FILL_MODIFIERS)).isTrue();
        assertThat(c.features().isEnabled(Features.EXPERIMENTAL_FUNCTIONS)).isFalse();
    }

    @Test
    void unknownFeatureIsAnErrorNamingIt() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(null, null, Map.of(ConfigKeys.byPath("features.enable"),
                "promql-experimental-functions,native-histogramz")))
                .hasMessage("invalid value for --enable-feature: unknown feature \"native-histogramz\"; known features are "
                        + "promql-experimental-functions, promql-duration-expr, promql-extended-range-selectors, "
                        + "promql-binop-fill-modifiers, promql-delayed-name-removal");
        Path file = write("strata.yaml", "features:\n  enable: [promql-typo]\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(file)).hasMessageStartingWith(file + ":2: features.enable: unknown feature \"promql-typo\"");
        Path nested = write("nested.yaml", "features:\n  enable: [[a]]\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(nested)).hasMessage(nested + ":2: features.enable: list items must be single values");
    }

    @Test
    void singleValueKeysStillRefuseLists() throws IOException {
        Path file = write("strata.yaml", "query:\n  timeout: [1m]\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(file)).hasMessage(file + ":2: query.timeout: must be a single value, not a list");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
