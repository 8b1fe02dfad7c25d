package org.kfm.projection.catalog;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A place in a JSON document: the node found there (null when absent; a JSON {@code null} is a
 * {@code NullNode}) and its JSON pointer (RFC 6901), which error messages quote.
 */
record Field(JsonNode node, String pointer) {

    static Field root(JsonNode node) {
        return new Field(node, "");
    }

    Field get(String name) {
        JsonNode child = node != null && node.isObject() ? node.get(name) : null;
        return new Field(child, pointer + "/" + escape(name));
    }

    Field get(int index) {
        JsonNode child = node != null && node.isArray() ? node.get(index) : null;
        return new Field(child, pointer + "/" + index);
    }

    /** The member name: the last pointer segment, unescaped. */
    String name() {
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        return last.replace("~1", "/").replace("~0", "~");
    }

    boolean absent() {
        return node == null;
    }

    boolean absentOrNull() {
        return node == null || node.isNull();
    }

    /** The pointer to show: {@code /} stands for the whole document. */
    String shown() {
        return pointer.isEmpty() ? "/" : pointer;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
