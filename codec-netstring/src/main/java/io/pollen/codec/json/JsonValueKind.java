package io.pollen.codec.json;

/**
 * The kind of a JSON value held by a {@link JsonMessage} field. Immutable; safe from any thread.
 */
public enum JsonValueKind {
    /** A string. */
    STRING,
    /** A number, integral or not. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** {@code null}. */
    NULL,
    /** An object, kept as its JSON text and read on demand. */
    OBJECT,
    /** An array, kept as its JSON text. */
    ARRAY
}
