package io.strata.storage;

/** Something that accepts writes. Thread-safe; each appender it hands out is single-threaded. */
public interface Appendable {
    Appender appender();
}
