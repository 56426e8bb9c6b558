package io.strata.tsdb.block;

/**
 * Names of the files and directories of a block (VictoriaMetrics keeps its file names in one
 * place too). A block is a directory named by its {@link BlockId} under the blocks directory:
 *
 * <pre>
 * blocks/
 *   01JD6Q7Z3K8V0000000000000A/      one block
 *     meta.json                       BlockMeta, JSON with a checksum
 *     index                           symbols, series, postings (docs/format/index.md)
 *     chunks                          chunk records (docs/format/block.md)
 *     tombstones                      deleted time ranges per series (docs/format/block.md)
 *   01JD6Q7Z3K8V0000000000000B.tmp/  a block being written; removed at start-up
 *   01JD6Q7Z3K8V0000000000000C.deleting/  a block being deleted; removed at start-up
 * </pre>
 */
public final class BlockFiles {
    public static final String META = "meta.json";
    public static final String INDEX = "index";
    public static final String CHUNKS = "chunks";
    public static final String TOMBSTONES = "tombstones";

    /** Series metadata spilled while the chunks are written; deleted before the block is published. */
    public static final String SERIES_SPILL = "series.spill";

    /** Suffix of a directory under construction; a crash leaves it behind and start-up deletes it. */
    public static final String TMP_SUFFIX = ".tmp";

    /**
     * Suffix a block directory is renamed to before its files are deleted, so a crash in the middle
     * of the deletion leaves a directory start-up removes instead of a block with files missing.
     */
    public static final String DELETING_SUFFIX = ".deleting";

    /** Suffix of a file being rewritten (tombstones) before it atomically replaces the old one. */
    public static final String REWRITE_SUFFIX = ".new";

    private BlockFiles() {}
}
