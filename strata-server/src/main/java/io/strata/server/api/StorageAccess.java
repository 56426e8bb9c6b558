package io.strata.server.api;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.storage.Storage;

/**
 * The storage the API serves, which may not be open yet: the HTTP server starts first so that
 * {@code /-/healthy} answers while the WAL is replayed, and API calls get a 503 until then.
 */
public final class StorageAccess {
    private volatile Storage storage;
    private volatile String notReadyReason;

    private StorageAccess(Storage storage, String notReadyReason) {
        this.storage = storage;
        this.notReadyReason = notReadyReason;
    }

    /** Access to a storage that is open already. */
    public static StorageAccess of(Storage storage) {
        return new StorageAccess(storage, "");
    }

    /** Access to a storage that is still opening; {@code reason} says what is happening. */
    public static StorageAccess opening(String reason) {
        return new StorageAccess(null, reason);
    }

    public void opened(Storage storage) {
        this.storage = storage;
    }

    /** Marks the server as shutting down: API calls are refused from now on. */
    public void closing(String reason) {
        this.notReadyReason = reason;
        this.storage = null;
    }

    /**
     * The storage.
     *
     * @throws StrataException with {@code UNAVAILABLE} while it is not open
     */
    public Storage get() {
        Storage s = storage;
        if (s == null) {
            throw new StrataException(ErrorCode.UNAVAILABLE, notReadyReason);
        }
        return s;
    }

    /** The storage, or {@code null} while it is not open. */
    public Storage getIfOpen() {
        return storage;
    }

    public String notReadyReason() {
        return notReadyReason;
    }
}
