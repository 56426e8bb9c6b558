package io.strata.tsdb.block;

import io.strata.tsdb.fs.StorageFiles;
import io.strata.tsdb.index.CorruptFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code meta.json} (see {@code docs/format/block.md}). The file is JSON for
 * people and tools, and carries {@code "checksum": "crc32c:<hex>"} over the compact serialization
 * of every other field, so a flipped digit in a time range is detected instead of silently
 * changing which samples a query sees.
 */
public final class BlockMetaFile {
    public static final int VERSION = 1;
    // Trailing garbage after the object means the file was damaged or concatenated.
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final String CHECKSUM = "checksum";

    private BlockMetaFile() {}

    /** Writes {@code meta} to a new file at {@code path} and fsyncs it. */
    public static void write(StorageFiles files, Path path, BlockMeta meta) throws IOException {
        ObjectNode node = toJson(meta);
        node.put(CHECKSUM, checksum(node));
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        try (FileChannel ch = files.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            files.fsync(ch, path);
        }
    }

    /**
     * Reads the meta file at {@code path}.
     *
     * @throws CorruptFileException when it is not valid JSON, lacks a field, has an unknown
     *     version, or its checksum does not match
     */
    public static BlockMeta read(StorageFiles files, Path path) throws IOException {
        byte[] bytes = readAll(files, path);
        JsonNode parsed;
        try {
            parsed = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new CorruptFileException(path, -1, "meta.json is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(parsed instanceof ObjectNode node)) {
            throw new CorruptFileException(path, 0, "meta.json does not hold a JSON object");
        }
        JsonNode stored = node.remove(CHECKSUM);
        if (stored == null || !stored.isString()) {
            throw new CorruptFileException(path, -1, "meta.json has no checksum");
        }
        String actual = checksum(node);
        if (!actual.equals(stored.asString())) {
            throw new CorruptFileException(
                    path, -1, "meta.json checksum mismatch: file says " + stored.asString() + ", content has " + actual);
        }
        int version = (int) number(node, path, "version");
        if (version != VERSION) {
            throw new CorruptFileException(
                    path, -1, "meta.json version " + version + " is not supported; this build reads version " + VERSION);
        }
        JsonNode stats = object(node, path, "stats");
        JsonNode compaction = object(node, path, "compaction");
        JsonNode fileSizes = object(node, path, "files");
        return new BlockMeta(
                text(node, path, "id"),
                number(node, path, "minTime"),
                number(node, path, "maxTime"),
                number(stats, path, "numSeries"),
                number(stats, path, "numChunks"),
                number(stats, path, "numSamples"),
                (int) number(compaction, path, "level"),
                strings(compaction, path, "sources"),
                strings(compaction, path, "parents"),
                number(fileSizes, path, BlockFiles.INDEX),
                number(fileSizes, path, BlockFiles.CHUNKS));
    }

    private static ObjectNode toJson(BlockMeta meta) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", VERSION);
        node.put("id", meta.id());
        node.put("minTime", meta.minTime());
        node.put("maxTime", meta.maxTime());
        ObjectNode stats = node.putObject("stats");
        stats.put("numSeries", meta.numSeries());
        stats.put("numChunks", meta.numChunks());
        stats.put("numSamples", meta.numSamples());
        ObjectNode compaction = node.putObject("compaction");
        compaction.put("level", meta.compactionLevel());
        ArrayNode sources = compaction.putArray("sources");
        meta.sources().forEach(sources::add);
        ArrayNode parents = compaction.putArray("parents");
        meta.parents().forEach(parents::add);
        ObjectNode fileSizes = node.putObject("files");
        fileSizes.put(BlockFiles.INDEX, meta.indexBytes());
        fileSizes.put(BlockFiles.CHUNKS, meta.chunksBytes());
        return node;
    }

    private static String checksum(ObjectNode withoutChecksum) {
        CRC32C crc = new CRC32C();
        crc.update(JSON.writeValueAsBytes(withoutChecksum));
        return "crc32c:" + String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
    }

    private static byte[] readAll(StorageFiles files, Path path) throws IOException {
        long size = files.size(path);
        if (size > 1 << 24) {
            throw new CorruptFileException(path, -1, "meta.json of " + size + " bytes is implausibly large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        try (FileChannel ch = files.open(path, StandardOpenOption.READ)) {
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // keep reading until full or end of file
            }
        }
        return b.array();
    }

    private static JsonNode object(JsonNode node, Path path, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new CorruptFileException(path, -1, "meta.json lacks object field \"" + field + "\"");
        }
        return v;
    }

    private static long number(JsonNode node, Path path, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new CorruptFileException(path, -1, "meta.json lacks integer field \"" + field + "\"");
        }
        return v.asLong();
    }

    private static String text(JsonNode node, Path path, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString()) {
            throw new CorruptFileException(path, -1, "meta.json lacks string field \"" + field + "\"");
        }
        return v.asString();
    }

    private static List<String> strings(JsonNode node, Path path, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new CorruptFileException(path, -1, "meta.json lacks array field \"" + field + "\"");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString()) {
                throw new CorruptFileException(path, -1, "meta.json field \"" + field + "\" holds a non-string");
            }
            out.add(e.asString());
        }
        return out;
    }
}
