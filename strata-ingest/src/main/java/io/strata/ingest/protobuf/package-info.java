/**
 * A bounds-checked, allocation-free protobuf wire reader and in-place UTF-8 validation, for the
 * hot ingest paths where generated message classes would cost a parse tree per request.
 */
package io.strata.ingest.protobuf;
