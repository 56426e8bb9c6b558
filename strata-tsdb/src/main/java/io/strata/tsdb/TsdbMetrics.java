package io.strata.tsdb;

import io.strata.storage.AppendStatus;
import java.util.Map;

/**
 * A snapshot of a {@link Tsdb}'s counters and gauges, for the server to export. Counters only
 * grow while the process runs; gauges are the value at snapshot time.
 *
 * @param headSeries series in the head (gauge)
 * @param headChunks open and closed chunks in the head (gauge)
 * @param headHeapBytes heap the head uses: series, labels, open chunks, index (gauge)
 * @param headMappedBytes closed head chunks in memory-mapped files, off the heap (gauge)
 * @param samplesAppended samples applied to the head (counter)
 * @param rejectedSamples samples refused by {@code append}, by reason (counters)
 * @param rejectedAtCommit samples accepted by {@code append} that lost at commit to a concurrent
 *     write of the same series and timestamp (counter)
 * @param commits successful commits (counter)
 * @param failedCommits commits refused because the WAL could not be written (counter)
 * @param seriesCreated series created in the head (counter)
 * @param seriesRemoved series removed from the head after going idle (counter)
 * @param walFsyncs WAL fsyncs (counter)
 * @param walFsyncSecondsTotal time spent in WAL fsyncs (counter)
 * @param walFsyncFailures failed WAL fsyncs (counter)
 * @param walWriteFailures failed WAL writes (counter)
 * @param walBytesWritten bytes appended to the WAL (counter)
 * @param headCuts block cuts of the head that completed (counter)
 * @param headCutFailures block cuts that failed and will be retried (counter)
 * @param blocksWritten blocks written from the head (counter)
 * @param compactions block compactions (counter)
 * @param blocksDeletedByRetention blocks deleted by time or size retention (counter)
 * @param blockCount blocks open (gauge)
 * @param blockBytes bytes of the blocks on disk (gauge)
 * @param walBytes bytes of the WAL segments on disk, checkpoint excluded (gauge)
 * @param walReplaySeconds duration of the last start-up WAL replay (gauge)
 * @param walRepairs torn WAL tails cut off when this TSDB opened (counter, 0 or 1)
 */
public record TsdbMetrics(
        long headSeries,
        long headChunks,
        long headHeapBytes,
        long headMappedBytes,
        long samplesAppended,
        Map<AppendStatus, Long> rejectedSamples,
        long rejectedAtCommit,
        long commits,
        long failedCommits,
        long seriesCreated,
        long seriesRemoved,
        long walFsyncs,
        double walFsyncSecondsTotal,
        long walFsyncFailures,
        long walWriteFailures,
        long walBytesWritten,
        long headCuts,
        long headCutFailures,
        long blocksWritten,
        long compactions,
        long blocksDeletedByRetention,
        long blockCount,
        long blockBytes,
        long walBytes,
        double walReplaySeconds,
        long walRepairs) {}
