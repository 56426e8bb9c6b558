package io.strata.server.namespaces;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.server.api.StorageAccess;
import io.strata.server.config.AggregationSettings;
import io.strata.server.config.ConfigException;
import io.strata.server.config.ConfigLoader;
import io.strata.server.config.StrataConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the configuration file and puts its {@code namespaces} and {@code rules} in force, for
 * {@code POST /-/reload} and SIGHUP. Other sections are checked but need a restart to change. A
 * file with a mistake changes nothing: the error names the file, the line and the key.
 */
public final class ConfigReloader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final StrataConfig running;
    private final StorageAccess access;
    private volatile Path file;

    public ConfigReloader(StrataConfig running, StorageAccess access) {
        this.running = running;
        this.access = access;
    }

    /** The file the server read at start-up, or null when it read none. */
    public void file(Path configFile) {
        this.file = configFile;
    }

    /**
     * Reloads now.
     *
     * @return what changed, one line
     * @throws StrataException {@code BAD_DATA} naming file, line and key when the file is wrong;
     *     {@code UNAVAILABLE} while the storage is not open yet
     */
    public synchronized String reload() {
        Path f = file;
        if (f == null) {
            Path fallback = Path.of(ConfigLoader.DEFAULT_FILE_NAME);
            if (!Files.isRegularFile(fallback)) {
                throw new StrataException(ErrorCode.BAD_DATA, "no configuration file to reload: the server started without"
                        + " one and there is no " + ConfigLoader.DEFAULT_FILE_NAME + " in its working directory");
            }
            f = fallback;
        }
        if (!(access.get() instanceof Namespaced namespaced)) {
            throw new StrataException(ErrorCode.BAD_DATA, "this storage has no namespaces to reload");
        }
        try {
            AggregationSettings next = ConfigLoader.reloadAggregation(f, running);
            String summary = namespaced.reload(next);
            return summary;
        } catch (ConfigException e) {
            LOG.warn("reload refused, the running configuration stays: {}", e.getMessage());
            throw new StrataException(ErrorCode.BAD_DATA, e.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.warn("reload refused, the running configuration stays: {}: {}", f, e.getMessage());
            throw new StrataException(ErrorCode.BAD_DATA, f + ": " + e.getMessage());
        }
    }
}
