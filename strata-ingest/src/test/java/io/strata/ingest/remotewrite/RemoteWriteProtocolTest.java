package io.strata.ingest.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.remotewrite.RemoteWriteProtocol.Accepted;
import io.strata.ingest.remotewrite.RemoteWriteProtocol.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteWriteProtocolTest {
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "application/x-protobuf | V1",
        "application/x-protobuf;proto=prometheus.WriteRequest | V1",
        "application/x-protobuf;proto=io.prometheus.write.v2.Request | V2",
        "application/x-protobuf; proto=io.prometheus.write.v2.Request | V2",
        "application/x-protobuf ; proto = \"io.prometheus.write.v2.Request\" | V2",
        "APPLICATION/X-PROTOBUF;PROTO=io.prometheus.write.v2.Request | V2",
        "application/x-protobuf;charset=utf-8 | V1",
        "application/x-protobuf; | V1",
        "'' | V1",
        "'   ' | V1",
    })
    void picksTheProtocolFromTheContentType(String contentType, RemoteWriteProtocol expected) {
        assertThat(RemoteWriteProtocol.negotiate(contentType)).isEqualTo(new Accepted(expected));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
        "application/json | unsupported Content-Type",
        "application/x-protobuffer | unsupported Content-Type",
        "text/plain;proto=io.prometheus.write.v2.Request | unsupported Content-Type",
        "application/x-protobuf;proto=io.prometheus.write.v2.request | unsupported remote write message",
        "application/x-protobuf;proto=prometheus.ReadRequest | unsupported remote write message",
        "application/x-protobuf;proto | malformed Content-Type parameter",
        "application/x-protobuf;=v2 | malformed Content-Type parameter",
    })
    void refusesOtherContentTypesNamingThem(String contentType, String problem) {
        assertThat(RemoteWriteProtocol.negotiate(contentType))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.reason()).contains(problem));
    }

    @Test
    void absentContentTypeMeansVersion1() {
        assertThat(RemoteWriteProtocol.negotiate(null)).isEqualTo(new Accepted(RemoteWriteProtocol.V1));
    }
}
