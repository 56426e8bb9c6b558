package io.strata.server.cli;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.server.StrataServer;

/** The storage engines {@code strata server} can run on. */
final class StorageOpeners {
    private StorageOpeners() {}

    /** The single-node TSDB in {@code storage.dataDir}. */
    static StrataServer.StorageOpener tsdb() {
        return config -> {
            throw new StrataException(ErrorCode.UNAVAILABLE,
                    "this build has no storage engine yet: the TSDB is wired in when strata-tsdb provides it");
        };
    }
}
