package io.strata.testing.generate;

/**
 * What each generated host is: where it runs, which service it serves and how big and busy it
 * is. Everything is drawn once from the seed in the constructor into flat arrays indexed by host,
 * so per-sample code reads primitives and never recomputes a profile.
 *
 * <p>Cardinalities follow a typical fleet: 4 regions with 3 datacenters each, 24 services owned by
 * 8 teams, services of very different sizes (a few big ones, a long tail), and regions of
 * different sizes.
 */
final class HostProfiles {
    static final String[] REGIONS = {"us-east-1", "eu-west-1", "us-west-2", "ap-southeast-1"};
    private static final double[] REGION_CUMULATIVE_WEIGHT = {0.4, 0.65, 0.9, 1.0};
    static final String[] DATACENTER_SUFFIXES = {"a", "b", "c"};
    static final String[] SERVICES = {
        "api-gateway", "checkout", "search", "catalog", "frontend", "orders", "payments", "cart",
        "users", "auth", "inventory", "recommendations", "pricing", "shipping", "notifications", "reviews",
        "media", "analytics", "reporting", "scheduler", "ledger", "fraud", "email", "billing"
    };
    static final String[] TEAMS = {"platform", "commerce", "discovery", "identity", "fulfillment", "growth", "data", "finance"};
    /** Owner team of each service of {@link #SERVICES}, by index into {@link #TEAMS}. */
    private static final int[] SERVICE_TEAM = {0, 1, 2, 2, 0, 1, 7, 1, 3, 3, 4, 2, 1, 4, 5, 5, 0, 6, 6, 0, 7, 7, 5, 7};
    static final String[] KERNEL_RELEASES = {"5.15.0-105-generic", "6.1.0-21-amd64", "6.8.0-40-generic"};
    private static final long GIB = 1L << 30;
    private static final long[] MEMORY_GIB = {16, 32, 64, 128};
    private static final long[] ROOT_FS_GIB = {30, 50, 100};
    private static final long[] DATA_FS_GIB = {250, 500, 1_000, 2_000};

    final long[] key;
    final int[] region;
    final int[] datacenter;
    final int[] service;
    final int[] kernel;
    final double[] cpuBusy;
    final long[] memoryTotal;
    final double[] memoryUsed;
    final long[] swapTotal;
    final long[][] filesystemSize;
    final double[][] filesystemFill;
    final double[][] filesystemFillPerHour;
    final double[] networkBytesPerSecond; // eth0 receive; other directions and lo derive from it
    final double[] diskBytesPerSecond;
    final double[] requestsPerSecond;
    final double[] fastLatency; // median of the fast population of requests, seconds
    final double[] slowLatency;
    final double[] slowShare;

    HostProfiles(int hosts, long seed) {
        key = new long[hosts];
        region = new int[hosts];
        datacenter = new int[hosts];
        service = new int[hosts];
        kernel = new int[hosts];
        cpuBusy = new double[hosts];
        memoryTotal = new long[hosts];
        memoryUsed = new double[hosts];
        swapTotal = new long[hosts];
        filesystemSize = new long[hosts][2];
        filesystemFill = new double[hosts][2];
        filesystemFillPerHour = new double[hosts][2];
        networkBytesPerSecond = new double[hosts];
        diskBytesPerSecond = new double[hosts];
        requestsPerSecond = new double[hosts];
        fastLatency = new double[hosts];
        slowLatency = new double[hosts];
        slowShare = new double[hosts];
        long root = Mix.mix64(seed);
        for (int h = 0; h < hosts; h++) {
            long k = Mix.key(root, h);
            key[h] = k;
            region[h] = pickWeighted(Mix.unit(Mix.key(k, 1)));
            datacenter[h] = (int) (Mix.unit(Mix.key(k, 2)) * DATACENTER_SUFFIXES.length);
            // u^2 skews towards the first services: a few big services and a long tail of small ones.
            double u = Mix.unit(Mix.key(k, 3));
            service[h] = (int) (u * u * SERVICES.length);
            kernel[h] = (int) (Mix.unit(Mix.key(k, 4)) * KERNEL_RELEASES.length);
            double serviceLoad = Mix.between(Mix.key(root ^ 0xC0FFEE, service[h]), 0.1, 0.6);
            cpuBusy[h] = Curves.clamp(serviceLoad * Mix.between(Mix.key(k, 5), 0.7, 1.3), 0.02, 0.9);
            memoryTotal[h] = (long) Curves.floorTo(pick(MEMORY_GIB, Mix.key(k, 6)) * GIB * 0.975, 4096);
            memoryUsed[h] = Mix.between(Mix.key(k, 7), 0.3, 0.75);
            swapTotal[h] = Mix.unit(Mix.key(k, 8)) < 0.5 ? 0 : 4 * GIB;
            filesystemSize[h][0] = pick(ROOT_FS_GIB, Mix.key(k, 9)) * GIB;
            filesystemSize[h][1] = pick(DATA_FS_GIB, Mix.key(k, 10)) * GIB;
            for (int fs = 0; fs < 2; fs++) {
                filesystemFill[h][fs] = Mix.between(Mix.key(k, 11 + fs), 0.15, 0.8);
                filesystemFillPerHour[h][fs] = Mix.between(Mix.key(k, 13 + fs), 0, 0.002);
            }
            networkBytesPerSecond[h] = Math.pow(10, Mix.between(Mix.key(k, 15), 5, 7.5));
            diskBytesPerSecond[h] = Math.pow(10, Mix.between(Mix.key(k, 16), 4.5, 7));
            requestsPerSecond[h] = Math.pow(10, Mix.between(Mix.key(k, 17), 0.5, 2.7));
            fastLatency[h] = Mix.between(Mix.key(k, 18), 0.005, 0.05);
            slowLatency[h] = Mix.between(Mix.key(k, 19), 0.2, 2);
            slowShare[h] = Mix.between(Mix.key(k, 20), 0.02, 0.1);
        }
    }

    String regionName(int host) {
        return REGIONS[region[host]];
    }

    String datacenterName(int host) {
        return REGIONS[region[host]] + DATACENTER_SUFFIXES[datacenter[host]];
    }

    String serviceName(int host) {
        return SERVICES[service[host]];
    }

    String teamName(int host) {
        return TEAMS[SERVICE_TEAM[service[host]]];
    }

    String kernelRelease(int host) {
        return KERNEL_RELEASES[kernel[host]];
    }

    private static int pickWeighted(double u) {
        for (int i = 0; i < REGION_CUMULATIVE_WEIGHT.length; i++) {
            if (u < REGION_CUMULATIVE_WEIGHT[i]) {
                return i;
            }
        }
        return REGION_CUMULATIVE_WEIGHT.length - 1;
    }

    private static long pick(long[] choices, long hash) {
        return choices[(int) (Mix.unit(hash) * choices.length)];
    }
}
