package io.strata.server.cli;

import io.strata.model.StrataException;
import io.strata.server.StrataServer;
import io.strata.server.config.ConfigException;
import io.strata.server.config.ConfigKey;
import io.strata.server.config.ConfigKeys;
import io.strata.server.config.ConfigLoader;
import io.strata.server.config.ConfigPrinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code strata server}: runs the single-node server until SIGTERM or SIGINT, then shuts down
 * gracefully (requests in flight finish, the storage flushes and closes). Every setting of
 * {@link ConfigKeys} is a flag, added to this command from that table.
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Run the single-node server: every HTTP API on one port, data in one directory.",
            "Settings come from flags, then the config file (--config, or ./strata.yaml when present), then defaults."
        })
final class ServerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

    /** Exit code for a configuration error, as for any usage error. */
    static final int EXIT_CONFIG = 2;
    static final int EXIT_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings file (default: ./" + ConfigLoader.DEFAULT_FILE_NAME + " if it exists). Flags override it.")
    Path configFile;

    @Option(names = "--print-config",
            description = "Print the effective settings (defaults, file and flags merged) as YAML and exit.")
    boolean printConfig;

    private final StrataServer.StorageOpener opener;

    ServerCommand(StrataServer.StorageOpener opener) {
        this.opener = opener;
    }

    /** Adds one option per configuration key to the command's spec. */
    static void addSettingFlags(CommandSpec spec) {
        for (ConfigKey key : ConfigKeys.ALL) {
            spec.addOption(OptionSpec.builder("--" + key.flag())
                    .paramLabel(key.paramLabel())
                    .type(key.repeatable() ? String[].class : String.class)
                    .description(key.description() + " (default: " + key.defaultValue() + "; file key: "
                            + key.path() + ")")
                    .build());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigLoader.Loaded loaded;
        try {
            loaded = ConfigLoader.load(configFile, Path.of(ConfigLoader.DEFAULT_FILE_NAME), flagValues());
        } catch (ConfigException e) {
            err.println("strata server: " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        }
        if (printConfig) {
            out.print(ConfigPrinter.yaml(loaded.config()));
            out.flush();
            return 0;
        }
        if (loaded.file() != null) {
            log.info("settings from {}", loaded.file().toAbsolutePath());
        }
        StrataServer server;
        try {
            server = StrataServer.start(loaded.config(), opener);
        } catch (StrataException e) {
            log.error("cannot start: {}", e.getMessage(), e);
            err.println("strata server: " + e.getMessage());
            err.flush();
            return EXIT_FAILED;
        }
        server.reloader().file(loaded.file());
        reloadOnHangup(server);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("strata-shutdown").unstarted(server::close));
        server.awaitClosed();
        return 0;
    }

    /** SIGHUP reloads {@code namespaces} and {@code rules}, as it reloads Prometheus's configuration. */
    private static void reloadOnHangup(StrataServer server) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> Thread.ofVirtual().start(() -> {
                try {
                    log.info("SIGHUP: configuration reloaded: {}", server.reloader().reload());
                } catch (StrataException e) {
                    log.error("SIGHUP: reload refused, the running configuration stays: {}", e.getMessage());
                }
            }));
        } catch (IllegalArgumentException e) {
            log.warn("cannot reload on SIGHUP on this platform: {}", e.getMessage());
        }
    }

    private Map<ConfigKey, String> flagValues() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        Map<ConfigKey, String> values = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKeys.ALL) {
            OptionSpec option = spec.findOption("--" + key.flag());
            if (parsed.hasMatchedOption(option)) {
                Object value = option.getValue();
                values.put(key, value instanceof String[] list ? String.join(",", list) : (String) value);
            }
        }
        return values;
    }
}
