package io.strata.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every key with its flag and default, so the docs cannot drift. */
class ConfigDocsTest {
    @Test
    void everyKeyIsDocumentedWithItsFlagAndDefault() throws IOException {
        // Surefire runs in the module directory; the docs live at the repository root.
        String docs = Files.readString(Path.of("..", "docs", "configuration.md"), StandardCharsets.UTF_8);
        for (ConfigKey key : ConfigKeys.ALL) {
            String defaultValue = key.defaultValue().isEmpty() ? "(none)" : "`" + key.defaultValue() + "`";
            assertThat(docs).as(key.path())
                    .contains("| `" + key.path() + "` | `--" + key.flag() + "` | " + defaultValue + " |");
        }
    }
}
