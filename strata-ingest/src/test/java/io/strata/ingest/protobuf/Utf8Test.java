package io.strata.ingest.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "'', true",
        "41, true",
        "c3a9, true", // é
        "e282ac, true", // €
        "f09f9880, true", // emoji
        "f48fbfbf, true", // U+10FFFF
        "c0af, false", // overlong '/'
        "c1bf, false", // overlong
        "e080af, false", // overlong three-byte
        "f08282ac, false", // overlong four-byte
        "eda080, false", // surrogate U+D800
        "edbfbf, false", // surrogate U+DFFF
        "f4908080, false", // above U+10FFFF
        "f5808080, false",
        "80, false", // lone continuation
        "c3, false", // truncated
        "e282, false", // truncated
        "f09f98, false", // truncated
        "ff, false",
        "41c328, false" // lead byte followed by a non-continuation
    })
    void agreesWithRfc3629(String hex, boolean valid) {
        byte[] b = java.util.HexFormat.of().parseHex(hex);

        assertThat(Utf8.isValid(b, 0, b.length)).isEqualTo(valid);
    }

    @Property(tries = 2000)
    void agreesWithTheJdkDecoder(@ForAll @Size(max = 12) byte[] bytes) {
        assertThat(Utf8.isValid(bytes, 0, bytes.length)).isEqualTo(jdkAccepts(bytes));
    }

    @Property(tries = 300)
    void acceptsEveryEncodedString(@ForAll String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        // Unpaired surrogates in a Java String encode as '?', which is valid.
        assertThat(Utf8.isValid(b, 0, b.length)).isTrue();
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
