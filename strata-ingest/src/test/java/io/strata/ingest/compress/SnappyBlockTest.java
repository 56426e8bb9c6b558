package io.strata.ingest.compress;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.support.Snappy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnappyBlockTest {
    private final SnappyBlock snappy = new SnappyBlock();

    @Test
    void decompressesWhatTheBlockFormatCompressed() {
        byte[] raw = "remote write remote write remote write".getBytes(StandardCharsets.UTF_8);

        SnappyBlock.Result result = snappy.decompress(Snappy.compress(raw), Snappy.compress(raw).length, 1 << 20, "limit.key");

        assertThat(result).isInstanceOfSatisfying(SnappyBlock.Decompressed.class, d -> assertThat(d.bytes()).isEqualTo(raw));
    }

    @Test
    void refusesAHeaderAnnouncingMoreThanTheBodyCanHold() {
        // Header announces 1 MiB; four bytes of input cannot expand that far.
        byte[] body = {(byte) 0x80, (byte) 0x80, 0x40, 0x00};

        assertThat(snappy.decompress(body, body.length, 64 << 20, "limit.key")).isEqualTo(new SnappyBlock.Failed(
                false,
                "snappy header announces 1048576 bytes but 1 compressed bytes expand to at most 22"));
    }

    @Test
    void refusesAHeaderAboveTheLimitBeforeAllocating() {
        byte[] body = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};

        SnappyBlock.Result result = snappy.decompress(body, body.length, 1 << 20, "limit.key");

        assertThat(result).isInstanceOfSatisfying(SnappyBlock.Failed.class, f -> {
            assertThat(f.tooLarge()).isTrue();
            assertThat(f.message()).contains("4294967295 bytes", "limit 1048576 (limit.key)");
        });
    }

    @Test
    void refusesALengthHeaderOfSixBytes() {
        byte[] body = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00};

        assertThat(snappy.decompress(body, body.length, 1 << 20, "limit.key"))
                .isInstanceOfSatisfying(SnappyBlock.Failed.class, f -> assertThat(f.message()).contains("longer than five bytes"));
    }

    @Test
    void refusesABlockShorterThanItsHeaderSays() {
        byte[] compressed = Snappy.compress("abcdefgh abcdefgh abcdefgh".getBytes(StandardCharsets.UTF_8));

        SnappyBlock.Result result = snappy.decompress(compressed, compressed.length - 2, 1 << 20, "limit.key");

        assertThat(result).isInstanceOfSatisfying(SnappyBlock.Failed.class,
                f -> assertThat(f.tooLarge()).isFalse());
    }

    @Test
    void decompressesAnEmptyBlock() {
        byte[] body = {0x00};

        assertThat(snappy.decompress(body, 1, 1 << 20, "limit.key"))
                .isInstanceOfSatisfying(SnappyBlock.Decompressed.class, d -> assertThat(d.bytes()).isEmpty());
    }
}
