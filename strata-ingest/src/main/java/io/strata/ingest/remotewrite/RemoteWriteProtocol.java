package io.strata.ingest.remotewrite;

import java.util.Locale;

/**
 * The two remote-write messages, told apart by the {@code proto} parameter of the content type
 * (remote write 2.0 specification, "Content-Type"):
 *
 * <pre>
 * application/x-protobuf                                      -> V1 (prometheus.WriteRequest)
 * application/x-protobuf;proto=prometheus.WriteRequest        -> V1
 * application/x-protobuf;proto=io.prometheus.write.v2.Request -> V2
 * (no Content-Type)                                           -> V1, as Prometheus assumes for old senders
 * anything else                                               -> 415 Unsupported Media Type
 * </pre>
 */
public enum RemoteWriteProtocol {
    V1("prometheus.WriteRequest"),
    V2("io.prometheus.write.v2.Request");

    static final String MEDIA_TYPE = "application/x-protobuf";

    private final String messageName;

    RemoteWriteProtocol(String messageName) {
        this.messageName = messageName;
    }

    /** Fully qualified protobuf name of the message, as in the {@code proto} parameter. */
    public String messageName() {
        return messageName;
    }

    /** The outcome of reading a Content-Type: a protocol, or why none applies. */
    sealed interface Negotiation {}

    record Accepted(RemoteWriteProtocol protocol) implements Negotiation {}

    record Refused(String reason) implements Negotiation {}

    /**
     * Picks the protocol for a Content-Type header. Follows RFC 9110: the media type and parameter
     * names are case-insensitive, whitespace around {@code ;} and {@code =} is allowed, and a
     * parameter value may be quoted. Parameters other than {@code proto} are ignored.
     */
    static Negotiation negotiate(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return new Accepted(V1);
        }
        String[] parts = contentType.split(";", -1);
        String mediaType = parts[0].strip();
        if (!mediaType.equalsIgnoreCase(MEDIA_TYPE)) {
            return new Refused("unsupported Content-Type " + quote(contentType) + supported());
        }
        RemoteWriteProtocol protocol = V1;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.isEmpty()) {
                continue;
            }
            int eq = parameter.indexOf('=');
            if (eq <= 0) {
                return new Refused("malformed Content-Type parameter " + quote(parameter) + " in "
                        + quote(contentType) + ": parameters are name=value pairs (RFC 9110)");
            }
            String name = parameter.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = unquote(parameter.substring(eq + 1).strip());
            if (name.equals("proto")) {
                protocol = byMessageName(value);
                if (protocol == null) {
                    return new Refused("unsupported remote write message " + quote(value) + " in Content-Type "
                            + quote(contentType) + supported());
                }
            }
        }
        return new Accepted(protocol);
    }

    private static RemoteWriteProtocol byMessageName(String name) {
        for (RemoteWriteProtocol p : values()) {
            if (p.messageName.equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String supported() {
        return "; remote write accepts " + MEDIA_TYPE + " (1.0, proto=" + V1.messageName + ") and " + MEDIA_TYPE
                + ";proto=" + V2.messageName + " (2.0)";
    }

    static String quote(String s) {
        return '"' + (s.length() > 200 ? s.substring(0, 200) + "..." : s) + '"';
    }
}
