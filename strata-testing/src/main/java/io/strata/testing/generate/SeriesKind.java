package io.strata.testing.generate;

/** How the value of one slot of the per-host template is produced; see {@link NodeExporterDataset}. */
enum SeriesKind {
    CPU_SECONDS,
    LOAD1,
    LOAD5,
    LOAD15,
    MEMORY_TOTAL,
    MEMORY_FREE,
    MEMORY_AVAILABLE,
    MEMORY_BUFFERS,
    MEMORY_CACHED,
    MEMORY_ACTIVE,
    MEMORY_INACTIVE,
    MEMORY_DIRTY,
    SWAP_TOTAL,
    SWAP_FREE,
    FILESYSTEM_SIZE,
    FILESYSTEM_AVAILABLE,
    FILESYSTEM_FREE,
    FILESYSTEM_FILES,
    FILESYSTEM_FILES_FREE,
    NETWORK_BYTES,
    NETWORK_PACKETS,
    DISK_BYTES,
    DISK_OPERATIONS,
    DISK_IO_SECONDS,
    CONTEXT_SWITCHES,
    INTERRUPTS,
    FORKS,
    PROCESSES_RUNNING,
    PROCESSES_BLOCKED,
    BOOT_TIME,
    TIME,
    CONSTANT_ONE,
    PROCESS_CPU_SECONDS,
    PROCESS_RESIDENT_MEMORY,
    PROCESS_START_TIME,
    PROCESS_OPEN_FDS,
    HTTP_BUCKET,
    HTTP_SUM,
    HTTP_COUNT;

    /** True for kinds whose value only grows between resets. */
    boolean isCounter() {
        return switch (this) {
            case CPU_SECONDS, NETWORK_BYTES, NETWORK_PACKETS, DISK_BYTES, DISK_OPERATIONS, DISK_IO_SECONDS,
                    CONTEXT_SWITCHES, INTERRUPTS, FORKS, PROCESS_CPU_SECONDS, HTTP_BUCKET, HTTP_SUM, HTTP_COUNT -> true;
            case LOAD1, LOAD5, LOAD15, MEMORY_TOTAL, MEMORY_FREE, MEMORY_AVAILABLE, MEMORY_BUFFERS, MEMORY_CACHED,
                    MEMORY_ACTIVE, MEMORY_INACTIVE, MEMORY_DIRTY, SWAP_TOTAL, SWAP_FREE, FILESYSTEM_SIZE,
                    FILESYSTEM_AVAILABLE, FILESYSTEM_FREE, FILESYSTEM_FILES, FILESYSTEM_FILES_FREE, PROCESSES_RUNNING,
                    PROCESSES_BLOCKED, BOOT_TIME, TIME, CONSTANT_ONE, PROCESS_RESIDENT_MEMORY, PROCESS_START_TIME,
                    PROCESS_OPEN_FDS -> false;
        };
    }

    /** True for counters that restart with the application process rather than with the host. */
    boolean restartsWithProcess() {
        return this == PROCESS_CPU_SECONDS || this == HTTP_BUCKET || this == HTTP_SUM || this == HTTP_COUNT;
    }
}
