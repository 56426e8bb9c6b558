package io.strata.testing.generate;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.MetricType;

/**
 * A realistic, deterministic fleet of hosts monitored by node_exporter, for load generators,
 * benchmarks and tests that want data shaped like production data rather than random numbers.
 *
 * <p>Each host exposes exactly {@link #SERIES_PER_HOST} series (the template in
 * {@code HostTemplate}): {@code node_cpu_seconds_total} for 4 CPUs and 8 modes, load averages,
 * {@code node_memory_*}, {@code node_filesystem_*} for two mounts, network and disk counters,
 * context switches and forks, {@code node_uname_info}, {@code process_*} of the host's service,
 * a classic histogram {@code http_request_duration_seconds} and {@code up}. Every series carries
 * {@code instance="host-N:9100"}, {@code job="node"}, {@code region}, {@code datacenter},
 * {@code service} and {@code team}; cardinalities are in {@code HostProfiles}. Series {@code s}
 * belongs to host {@code s / SERIES_PER_HOST}, so {@code --hosts 1000} gives 100,000 series.
 *
 * <p>Values look like the real exporter's:
 * <ul>
 *   <li>Counters are non-decreasing between resets; node counters restart from zero at host
 *       reboots (every 5 to 15 days), process counters and the histogram at process restarts
 *       (every 3 to 9 hours), so a day of data has resets. {@link #resetTimeMillis} says when.
 *   <li>CPU seconds have two decimals, byte gauges are multiples of 4096, disk bytes multiples of
 *       512, load averages have two decimals, packet and request counts are integers; network and
 *       disk counters have bursts on top of a rate that follows minutes, hours and the day.
 *   <li>Histogram buckets are cumulative at every instant ({@code le} ascending never decreases,
 *       {@code +Inf} equals {@code _count}) and each bucket is itself a counter.
 * </ul>
 *
 * <p>{@link #value} is a pure function of {@code (seed, series, timestamp)}: samples can be asked
 * for in any order, by any number of threads, and it allocates nothing. Instances are immutable.
 */
public final class NodeExporterDataset {
    public static final int SERIES_PER_HOST = HostTemplate.SIZE;
    /** Upper bound on hosts: 100 million series, far beyond what one generator can hold labels for. */
    public static final int MAX_HOSTS = 1_000_000;

    private static final long BOOT_PERIOD_MILLIS = 10L * 24 * 3600 * 1000;
    private static final long PROCESS_PERIOD_MILLIS = 6L * 3600 * 1000;
    private static final double PAGE = 4096;
    private static final double LOG_NORMAL_FAST_SIGMA = 0.6;
    private static final double LOG_NORMAL_SLOW_SIGMA = 0.8;

    private static final SeriesKind[] KINDS = new SeriesKind[SERIES_PER_HOST];
    private static final int[] PARAMS = new int[SERIES_PER_HOST];
    private static final double[] LOG_BUCKET_BOUNDS = new double[HostTemplate.HTTP_BUCKET_BOUNDS.length];

    static {
        for (int i = 0; i < SERIES_PER_HOST; i++) {
            KINDS[i] = HostTemplate.SLOTS.get(i).kind();
            PARAMS[i] = HostTemplate.SLOTS.get(i).param();
        }
        for (int i = 0; i < LOG_BUCKET_BOUNDS.length; i++) {
            LOG_BUCKET_BOUNDS[i] = Math.log(HostTemplate.HTTP_BUCKET_BOUNDS[i]);
        }
    }

    private final int hosts;
    private final long seed;
    private final HostProfiles profiles;

    /**
     * @param hosts number of hosts, 1 to {@link #MAX_HOSTS}
     * @param seed every value and label choice derives from it; the same seed gives the same data
     */
    public NodeExporterDataset(int hosts, long seed) {
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw new IllegalArgumentException("hosts must be between 1 and " + MAX_HOSTS + " [hosts=" + hosts + "]");
        }
        this.hosts = hosts;
        this.seed = seed;
        this.profiles = new HostProfiles(hosts, seed);
    }

    public int hosts() {
        return hosts;
    }

    public long seed() {
        return seed;
    }

    /** Number of series: {@code hosts * SERIES_PER_HOST}. */
    public int seriesCount() {
        return hosts * SERIES_PER_HOST;
    }

    /** The host a series belongs to. */
    public int hostOf(int series) {
        return checkSeries(series) / SERIES_PER_HOST;
    }

    /** The labels of a series, {@code __name__} included. Allocates: call it once per series and keep the result. */
    public Labels labels(int series) {
        int host = hostOf(series);
        HostTemplate.Slot slot = HostTemplate.SLOTS.get(series - host * SERIES_PER_HOST);
        LabelsBuilder b = new LabelsBuilder()
                .add(Labels.METRIC_NAME, slot.metricName())
                .add("instance", "host-" + host + ":9100")
                .add("job", "node")
                .add("region", profiles.regionName(host))
                .add("datacenter", profiles.datacenterName(host))
                .add("service", profiles.serviceName(host))
                .add("team", profiles.teamName(host));
        String[] extra = slot.labels();
        for (int i = 0; i < extra.length; i += 2) {
            b.add(extra[i], extra[i + 1]);
        }
        if (slot.metricName().equals("node_uname_info")) {
            b.add("nodename", "host-" + host).add("release", profiles.kernelRelease(host));
        }
        return b.build();
    }

    public String metricName(int series) {
        return HostTemplate.SLOTS.get(slotOf(series)).metricName();
    }

    /** The type a scrape would report for the series' family (histogram parts are {@code HISTOGRAM}). */
    public MetricType metricType(int series) {
        return HostTemplate.SLOTS.get(slotOf(series)).type();
    }

    /** True when the series only grows between resets (counters and histogram parts). */
    public boolean isCounter(int series) {
        return KINDS[slotOf(series)].isCounter();
    }

    /**
     * When the counter {@code series} last started from zero at or before {@code timestampMillis}
     * (the host's boot or the process's start), or {@link Long#MIN_VALUE} for gauges, which have
     * no resets. Between two timestamps with the same reset time, the counter does not decrease.
     */
    public long resetTimeMillis(int series, long timestampMillis) {
        SeriesKind kind = KINDS[slotOf(series)];
        if (!kind.isCounter()) {
            return Long.MIN_VALUE;
        }
        long hostKey = profiles.key[hostOf(series)];
        return kind.restartsWithProcess()
                ? processStart(hostKey, timestampMillis)
                : bootTime(hostKey, timestampMillis);
    }

    /** The value of {@code series} at {@code timestampMillis}. Pure, thread-safe, allocation-free. */
    public double value(int series, long timestampMillis) {
        int host = hostOf(series);
        int slot = series - host * SERIES_PER_HOST;
        int param = PARAMS[slot];
        long t = timestampMillis;
        long hostKey = profiles.key[host];
        long seriesKey = Mix.key(hostKey, 1_000 + slot);
        double busy = profiles.cpuBusy[host];
        return switch (KINDS[slot]) {
            case CPU_SECONDS -> cpuSeconds(hostKey, seriesKey, busy, param, t);
            case LOAD1 -> load(hostKey, busy, t, 0, 0.25);
            case LOAD5 -> load(hostKey, busy, t, 150, 0.08);
            case LOAD15 -> load(hostKey, busy, t, 450, 0.03);
            case MEMORY_TOTAL -> profiles.memoryTotal[host];
            case MEMORY_AVAILABLE -> memoryAvailable(host, t);
            case MEMORY_FREE -> memoryFree(host, t);
            case MEMORY_BUFFERS -> memoryBuffers(host, t);
            case MEMORY_CACHED -> Curves.floorTo(
                    Math.max(0, memoryAvailable(host, t) - memoryFree(host, t) - memoryBuffers(host, t)) * 0.85,
                    4096);
            case MEMORY_ACTIVE -> Curves.floorTo((profiles.memoryTotal[host] - memoryFree(host, t)) * 0.55, 4096);
            case MEMORY_INACTIVE -> Curves.floorTo((profiles.memoryTotal[host] - memoryFree(host, t)) * 0.3, 4096);
            case MEMORY_DIRTY -> Curves.floorTo(64.0 * 1024 * 1024 * Mix.unit(Mix.key(seriesKey, t)), 4096);
            case SWAP_TOTAL -> profiles.swapTotal[host];
            case SWAP_FREE -> Curves.floorTo(
                    profiles.swapTotal[host] * (0.92 + 0.05 * (Curves.wave(seriesKey, 1, t) - 1)), 4096);
            case FILESYSTEM_SIZE -> profiles.filesystemSize[host][param];
            case FILESYSTEM_FREE -> filesystemFree(host, param, t);
            case FILESYSTEM_AVAILABLE -> filesystemAvailable(host, param, t);
            case FILESYSTEM_FILES -> filesystemFiles(host, param);
            case FILESYSTEM_FILES_FREE -> Math.floor(
                    filesystemFiles(host, param) * (1 - 0.4 * filesystemFill(host, param, t)));
            case NETWORK_BYTES -> networkBytes(host, param, t);
            case NETWORK_PACKETS -> Math.floor(networkBytes(host, param, t) / packetSize(param));
            case DISK_BYTES -> diskBytes(host, param, t);
            case DISK_OPERATIONS -> Math.floor(diskBytes(host, param, t) / ((param & 1) == 0 ? 32_768 : 65_536));
            case DISK_IO_SECONDS -> Curves.floorThousandths(Curves.wavyIntegral(seriesKey,
                    Curves.clamp(profiles.diskBytesPerSecond[host] / 2e8, 0.001, 0.9), bootTime(hostKey, t), t));
            case CONTEXT_SWITCHES -> Math.floor(Curves.wavyIntegral(
                    seriesKey, 2_000 + 20_000 * busy, bootTime(hostKey, t), t));
            case INTERRUPTS -> Math.floor(Curves.wavyIntegral(
                    seriesKey, 1_000 + 10_000 * busy, bootTime(hostKey, t), t));
            case FORKS -> Math.floor(Curves.wavyIntegral(seriesKey, 2 + 20 * busy, bootTime(hostKey, t), t));
            case PROCESSES_RUNNING -> Math.max(1, Math.rint(
                    HostTemplate.CPUS * busy * Curves.wave(Mix.key(hostKey, 100), 0.6, t) + Curves.noise(seriesKey, t)));
            case PROCESSES_BLOCKED -> Math.floor(2.5 * Math.pow(Mix.unit(Mix.key(seriesKey, t)), 6));
            case BOOT_TIME -> Math.floor(bootTime(hostKey, t) / 1000.0);
            case TIME -> t / 1000.0;
            case CONSTANT_ONE -> 1;
            case PROCESS_CPU_SECONDS -> Curves.floorHundredths(Curves.wavyIntegral(
                    seriesKey, 0.3 * HostTemplate.CPUS * busy, processStart(hostKey, t), t));
            case PROCESS_RESIDENT_MEMORY -> processResidentMemory(host, seriesKey, t);
            case PROCESS_START_TIME -> Curves.roundHundredths(processStart(hostKey, t) / 1000.0);
            case PROCESS_OPEN_FDS -> Math.floor(40 + profiles.requestsPerSecond[host] * 0.5 * Curves.wave(seriesKey, 0.4, t)
                    + 5 * Mix.unit(Mix.key(seriesKey, t)));
            case HTTP_BUCKET -> httpBucket(host, param, t);
            case HTTP_SUM -> httpFastCount(host, t) * meanOfLogNormal(profiles.fastLatency[host], LOG_NORMAL_FAST_SIGMA)
                    + httpSlowCount(host, t) * meanOfLogNormal(profiles.slowLatency[host], LOG_NORMAL_SLOW_SIGMA);
            case HTTP_COUNT -> httpFastCount(host, t) + httpSlowCount(host, t);
        };
    }

    private int slotOf(int series) {
        return checkSeries(series) % SERIES_PER_HOST;
    }

    private int checkSeries(int series) {
        if (series < 0 || series >= seriesCount()) {
            throw new IndexOutOfBoundsException("series " + series + " outside [0, " + seriesCount() + ")");
        }
        return series;
    }

    // ---- lifetimes: counters start from zero at these times ----

    private static long bootTime(long hostKey, long t) {
        return Curves.lifetimeStart(Mix.key(hostKey, 900), BOOT_PERIOD_MILLIS, t);
    }


    /** The process starts with each boot and restarts on its own in between. */
    private static long processStart(long hostKey, long t) {
        long restart = Curves.lifetimeStart(Mix.key(hostKey, 901), PROCESS_PERIOD_MILLIS, t);
        return Math.max(bootTime(hostKey, t), restart);
    }


    // ---- CPU and load ----

    private static double cpuSeconds(long hostKey, long seriesKey, double busy, int param, long t) {
        int cpu = param / HostTemplate.CPU_MODES.length;
        int mode = param % HostTemplate.CPU_MODES.length;
        double cpuBusy = Curves.clamp(busy * Mix.between(Mix.key(hostKey, 200 + cpu), 0.8, 1.2), 0.01, 0.95);
        if (mode == 0) {
            // Idle may wander only as far as keeps it under one second per second.
            double idle = 1 - cpuBusy;
            double scale = Math.min(1, cpuBusy / (0.9 * idle) * 0.95);
            return Curves.floorHundredths(Curves.wavyIntegral(seriesKey, idle, scale, bootTime(hostKey, t), t));
        }
        double rate = cpuBusy * HostTemplate.CPU_BUSY_SHARE[mode];
        return Curves.floorHundredths(Curves.wavyIntegral(seriesKey, rate, bootTime(hostKey, t), t));
    }

    /** Longer load averages follow the same curve later and with less noise, as an EWMA would. */
    private static double load(long hostKey, double busy, long t, double lagSeconds, double noise) {
        double level = HostTemplate.CPUS * busy * Curves.wave(Mix.key(hostKey, 100), 0.6, t - (long) (lagSeconds * 1000));
        double noisy = level * (1 + noise * Curves.noise(Mix.key(hostKey, 101 + (long) lagSeconds), t));
        return Curves.roundHundredths(Math.max(0, noisy));
    }

    // ---- memory: all gauges of a host derive from one "used" curve so they stay consistent ----

    private double memoryUsedFraction(int host, long t) {
        long hostKey = profiles.key[host];
        double used = profiles.memoryUsed[host] * Curves.wave(Mix.key(hostKey, 300), 0.15, t)
                + 0.01 * Curves.noise(Mix.key(hostKey, 301), t);
        return Curves.clamp(used, 0.05, 0.97);
    }

    private double memoryAvailable(int host, long t) {
        return Curves.floorTo(profiles.memoryTotal[host] * (1 - memoryUsedFraction(host, t)), 4096);
    }

    private double memoryFree(int host, long t) {
        long hostKey = profiles.key[host];
        double share = Mix.between(Mix.key(hostKey, 302), 0.1, 0.35) * Curves.wave(Mix.key(hostKey, 303), 0.2, t);
        return Curves.floorTo(memoryAvailable(host, t) * share, 4096);
    }

    private double memoryBuffers(int host, long t) {
        long hostKey = profiles.key[host];
        double share = Mix.between(Mix.key(hostKey, 304), 0.005, 0.03) * Curves.wave(Mix.key(hostKey, 305), 0.1, t);
        return Curves.floorTo(profiles.memoryTotal[host] * share, 4096);
    }

    // ---- filesystems: fill slowly, drop at clean-ups every one to three days ----

    private double filesystemFill(int host, int fs, long t) {
        long hostKey = profiles.key[host];
        long cleanup = Curves.lifetimeStart(Mix.key(hostKey, 400 + fs), 2L * 24 * 3600 * 1000, t);
        double hours = (t - cleanup) / 3_600_000.0;
        double fill = profiles.filesystemFill[host][fs] + profiles.filesystemFillPerHour[host][fs] * hours
                + 0.0005 * Curves.noise(Mix.key(hostKey, 402 + fs), t);
        return Curves.clamp(fill, 0.01, 0.99);
    }

    private double filesystemFree(int host, int fs, long t) {
        return Curves.floorTo(profiles.filesystemSize[host][fs] * (1 - filesystemFill(host, fs, t)), 4096);
    }

    /** ext4 (the root mount) keeps 5% for root; xfs reserves nothing. */
    private double filesystemAvailable(int host, int fs, long t) {
        double free = filesystemFree(host, fs, t);
        return fs == 0 ? Math.max(0, free - profiles.filesystemSize[host][fs] / 20 / 4096 * PAGE) : free;
    }

    /** Inodes: ext4's default ratio of one per 16 KiB, xfs's effective one per 64 KiB. */
    private double filesystemFiles(int host, int fs) {
        return profiles.filesystemSize[host][fs] / (fs == 0 ? 16_384 : 65_536);
    }

    // ---- network and disk: a wandering rate plus bursts; packets and operations follow bytes ----

    private double networkBytes(int host, int param, long t) {
        long hostKey = profiles.key[host];
        long key = Mix.key(hostKey, 500 + param);
        int device = param >> 1;
        boolean transmit = (param & 1) == 1;
        double rate = profiles.networkBytesPerSecond[host]
                * (device == 0 ? 1 : 0.02)
                * (transmit ? Mix.between(Mix.key(hostKey, 510), 0.3, 1.5) : 1);
        return Math.floor(counterWithBursts(key, rate, bootTime(hostKey, t), t));
    }

    private static double packetSize(int param) {
        int device = param >> 1;
        boolean transmit = (param & 1) == 1;
        return device == 1 ? 4_000 : transmit ? 700 : 1_100;
    }

    private double diskBytes(int host, int param, long t) {
        long hostKey = profiles.key[host];
        long key = Mix.key(hostKey, 600 + param);
        int device = param >> 1;
        boolean write = (param & 1) == 1;
        double rate = profiles.diskBytesPerSecond[host]
                * (device == 0 ? 0.3 : 1)
                * (write ? 1 : Mix.between(Mix.key(hostKey, 610), 0.1, 2));
        return Curves.floorTo(counterWithBursts(key, rate, bootTime(hostKey, t), t), 512);
    }

    private static double counterWithBursts(long key, double rate, long start, long t) {
        double burstRate = rate * Mix.between(Mix.key(key, 30), 2, 8);
        double bursts = Curves.burstSeconds(key, t) - Curves.burstSeconds(key, start);
        return Curves.wavyIntegral(key, rate, start, t) + burstRate * bursts;
    }

    // ---- the service process ----

    private double processResidentMemory(int host, long seriesKey, long t) {
        long hostKey = profiles.key[host];
        double base = profiles.memoryTotal[host] * Mix.between(Mix.key(hostKey, 650), 0.02, 0.2);
        double minutesUp = (t - processStart(hostKey, t)) / 60_000.0;
        double warm = 1 - 0.6 * Math.exp(-minutesUp / 20);
        return Curves.floorTo(base * warm * (1 + 0.02 * Curves.noise(seriesKey, t)) * Curves.wave(seriesKey, 0.05, t), 4096);
    }

    // ---- histogram: two populations of requests (fast and slow), each a counter ----
    // A bucket is the sum over populations of floor(count * CDF(le)). Each term grows with its
    // count, so buckets are counters; CDF grows with le, so buckets are cumulative; the shifting
    // mix of the two populations moves the quantiles over time.

    private double httpFastCount(int host, long t) {
        long hostKey = profiles.key[host];
        double rate = profiles.requestsPerSecond[host] * (1 - profiles.slowShare[host]);
        return Math.floor(Curves.wavyIntegral(Mix.key(hostKey, 700), rate, processStart(hostKey, t), t));
    }

    private double httpSlowCount(int host, long t) {
        long hostKey = profiles.key[host];
        double rate = profiles.requestsPerSecond[host] * profiles.slowShare[host];
        return Math.floor(Curves.wavyIntegral(Mix.key(hostKey, 701), rate, processStart(hostKey, t), t));
    }

    private double httpBucket(int host, int bucket, long t) {
        double fast = httpFastCount(host, t);
        double slow = httpSlowCount(host, t);
        if (bucket == LOG_BUCKET_BOUNDS.length - 1) {
            return fast + slow;
        }
        double logBound = LOG_BUCKET_BOUNDS[bucket];
        return Math.floor(fast * logNormalCdf(logBound, profiles.fastLatency[host], LOG_NORMAL_FAST_SIGMA))
                + Math.floor(slow * logNormalCdf(logBound, profiles.slowLatency[host], LOG_NORMAL_SLOW_SIGMA));
    }

    /** Log-normal CDF with the logistic approximation of the normal CDF (monotonic, no erf needed). */
    private static double logNormalCdf(double logX, double median, double sigma) {
        double z = (logX - Math.log(median)) / sigma;
        return 1 / (1 + Math.exp(-1.702 * z));
    }

    private static double meanOfLogNormal(double median, double sigma) {
        return median * Math.exp(sigma * sigma / 2);
    }
}
