package org.kfm.projection.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Request bodies are read here rather than by the framework, so an empty body means "all defaults"
 * whatever its content type, and a misspelt member is refused (400 naming it) instead of ignored.
 */
final class Bodies {
    private Bodies() {
    }

    static <T> T parse(ObjectMapper json, String body, Class<T> type, T empty) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return empty;
        }
        T value = json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(body);
        return value == null ? empty : value;
    }
}
