package org.kfm.projection.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** The documented receipt schema, {@code docs/schemas/receipt.schema.json}, as a validator. */
public final class ReceiptSchema {
    private static final Schema SCHEMA = load();

    private ReceiptSchema() {
    }

    private static Schema load() {
        try {
            String text = Files.readString(TestDatabase.repoRoot().resolve("docs/schemas/receipt.schema.json"),
                    StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code receipt}, one line per violation; empty when it matches the schema. */
    public static List<String> violations(JsonNode receipt) {
        return SCHEMA.validate(receipt).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
