package io.strata.ingest.remoteread;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * A remote-read answer: status and headers are final when the handler returns; the body is
 * written afterwards by {@link #writeBody}.
 *
 * <p>A SAMPLES response and every error are computed in full before the handler returns, so
 * their status is exact. A STREAMED_XOR_CHUNKS response runs its queries while it writes, to keep
 * memory bounded by one frame; a storage failure then can no longer change the status, so
 * {@code writeBody} throws and the HTTP layer must abort the connection rather than end the
 * response normally: the client then sees a broken stream instead of silently partial data.
 */
public interface RemoteReadResponse {
    int status();

    /** Response headers, in order; immutable. */
    Map<String, String> headers();

    /**
     * Writes the body to {@code out} and flushes it; does not close {@code out}. Call at most once.
     *
     * @throws IOException when {@code out} fails
     * @throws io.strata.model.StrataException when a streamed query fails after the status was sent
     */
    void writeBody(OutputStream out) throws IOException;
}
