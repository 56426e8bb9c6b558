package io.strata.server.api;

/** Version facts, as {@code /api/v1/status/buildinfo} reports them (Prometheus's field names). */
public record BuildFacts(
        String version, String revision, String branch, String buildUser, String buildDate, String javaVersion) {}
