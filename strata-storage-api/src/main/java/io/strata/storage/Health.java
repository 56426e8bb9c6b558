package io.strata.storage;

/**
 * Readiness of a store: {@code ready} false means writes are refused (disk full, failed fsync,
 * still replaying the WAL), with {@code reason} saying why and what to do.
 */
public record Health(boolean ready, String reason) {
    public static final Health READY = new Health(true, "");

    public static Health unready(String reason) {
        return new Health(false, reason);
    }
}
