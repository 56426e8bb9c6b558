package io.strata.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The servers the compare harness knows how to run, by the name used in {@code --peers}, tables and JSON. */
public enum ServerKind {
    STRATA("strata", "Strata"),
    PROMETHEUS("prometheus", "Prometheus"),
    VICTORIAMETRICS("victoriametrics", "VictoriaMetrics");

    private final String id;
    private final String title;

    ServerKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** Lower-case name of {@code --peers}, JSON keys and chart legends. */
    public String id() {
        return id;
    }

    /** Name for the report's table headers. */
    public String title() {
        return title;
    }

    /** Strata first, then the peers named in a comma-separated {@code --peers} value, duplicates removed. */
    static List<ServerKind> strataAndPeers(String peers) {
        List<ServerKind> kinds = new ArrayList<>(List.of(STRATA));
        if (peers.isBlank()) {
            return kinds;
        }
        for (String name : peers.split(",", -1)) {
            ServerKind kind = peer(name.strip().toLowerCase(Locale.ROOT));
            if (!kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    private static ServerKind peer(String name) {
        return switch (name) {
            case "prometheus" -> PROMETHEUS;
            case "victoriametrics", "victoria-metrics", "vm" -> VICTORIAMETRICS;
            default -> throw new IllegalArgumentException(
                    "--peers takes prometheus and victoriametrics, comma separated (Strata always runs) [value=" + name + "]");
        };
    }
}
