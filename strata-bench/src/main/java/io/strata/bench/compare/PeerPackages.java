package io.strata.bench.compare;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Installs the peers from Debian's packages when their binaries are missing, as the issue asks:
 * {@code apt-get update} then {@code apt-get install -y} of the missing packages. Needs root (as in
 * CI); otherwise the error says which package to install.
 */
final class PeerPackages {
    /** Binary on the PATH → Debian package that provides it. */
    private static final Map<ServerKind, String[]> BINARIES = Map.of(
            ServerKind.PROMETHEUS, new String[] {"prometheus", "prometheus"},
            ServerKind.VICTORIAMETRICS, new String[] {"victoria-metrics", "victoria-metrics"});
    private static final long APT_TIMEOUT_MINUTES = 10;

    private PeerPackages() {}

    /** Installs the packages of the peers in {@code kinds} whose binary is not on the PATH. */
    static void ensureInstalled(List<ServerKind> kinds, PrintStream log) throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        for (ServerKind k : kinds) {
            String[] binaryAndPackage = BINARIES.get(k);
            if (binaryAndPackage != null && !onPath(binaryAndPackage[0])) {
                missing.add(binaryAndPackage[1]);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        log.println("installing " + String.join(" ", missing) + " from Debian's packages");
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq"));
        install.addAll(missing);
        if (!apt(List.of("apt-get", "update", "-qq")) || !apt(install)) {
            throw new IOException("could not install " + missing + " with apt-get (it needs root); install the Debian packages "
                    + String.join(" ", missing) + " or leave those peers out with --peers");
        }
    }

    private static boolean apt(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return false;
        }
        if (!p.waitFor(APT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }

    static boolean onPath(String binary) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }
}
