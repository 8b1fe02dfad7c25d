package org.kfm.projection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.kfm.projection.error.ErrorCode;

/** docs/schemas/error.schema.json admits every error code and exit code the CLI can print, and no other. */
class ErrorSchemaNamesEveryCodeTest {

    @Test
    void theErrorSchemaFollowsErrorCode() throws IOException {
        JsonNode error = new ObjectMapper().readTree(Path.of("docs/schemas/error.schema.json").toFile())
                .path("properties").path("error").path("properties");
        List<String> codes = StreamSupport.stream(error.path("code").path("enum").spliterator(), false)
                .map(JsonNode::asText).toList();
        assertEquals(Arrays.stream(ErrorCode.values()).map(Enum::name).toList(), codes);
        assertEquals(Arrays.stream(ErrorCode.values()).mapToInt(ErrorCode::exitCode).max().orElseThrow(),
                error.path("exitCode").path("maximum").asInt());
    }
}
