package io.strata.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatsTest {
    /** A real line of a JVM's /proc/PID/stat, utime 1234 and stime 56, with a command name holding ") (" and spaces. */
    private static final String STAT = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 81716 0 3 0 1234 56 0 0 20 0 44 0 "
            + "3301 5310922752 125091 18446744073709551615 1 1 0 0 0 0 4 0 16800975 0 0 0 17 1 0 0 0 0 0\n";

    @Test
    void cpuTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        assertThat(ProcStats.cpuTicks(STAT)).isEqualTo(1290);
    }

    @Test
    void rejectsAStatLineWithoutEnoughFields() {
        assertThatThrownBy(() -> ProcStats.cpuTicks("4242 (java) S 1 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a /proc/PID/stat line")
                .hasMessageContaining("4242 (java) S 1 2");
    }

    @Test
    void rssIsReadFromVmRssInKib() {
        assertThat(ProcStats.rssKb("Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t  500368 kB\nThreads:\t44\n")).isEqualTo(500_368);
    }

    @Test
    void processWithoutVmRssHasNoResidentMemory() {
        assertThat(ProcStats.rssKb("Name:\tzombie\nState:\tZ (zombie)\n")).isZero();
    }

    @Test
    void readsCpuSecondsAndRssOfAProcessFromAProcDirectory(@TempDir Path proc) throws Exception {
        // A pid no live process has, so no descendants are added from the real system.
        long pid = Integer.MAX_VALUE - 7;
        Files.createDirectories(proc.resolve(pid + ""));
        Files.writeString(proc.resolve(pid + "/stat"), STAT);
        Files.writeString(proc.resolve(pid + "/status"), "VmRSS:\t  2048 kB\n");
        ProcStats stats = new ProcStats(proc);
        assertThat(stats.cpuSeconds(pid)).isEqualTo(12.90);
        assertThat(stats.rssBytes(pid)).isEqualTo(2048 * 1024);
    }

    @Test
    void aProcessThatExitedCountsAsZero(@TempDir Path proc) throws Exception {
        ProcStats stats = new ProcStats(proc);
        assertThat(stats.cpuSeconds(Integer.MAX_VALUE - 7)).isZero();
        assertThat(stats.rssBytes(Integer.MAX_VALUE - 7)).isZero();
    }

    @Test
    void machineInfoComesFromCpuinfoMeminfoAndOsrelease(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       24576000 kB\nMemFree:        1 kB\n");
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "6.1.0-18-amd64\n");
        MachineInfo m = MachineInfo.read(proc, 2);
        assertThat(m).isEqualTo(new MachineInfo("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", 2, 24_576_000L * 1024, "6.1.0-18-amd64"));
        assertThat(m.describe()).isEqualTo("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz, 2 cores, 23.4 GiB RAM, Linux 6.1.0-18-amd64");
    }
}
