package org.kfm.projection.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statements kept as {@code .sql} resources under {@code sql/<area>/<name>.sql}. The only
 * substitution is {@code {schema}}, replaced by a validated, quoted {@link PgIdentifier}; values
 * are always bound with {@code ?}.
 */
public final class SqlResources {
    private final String area;
    private final PgIdentifier schema;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public SqlResources(String area, PgIdentifier schema) {
        this.area = area;
        this.schema = schema;
    }

    public String get(String name) {
        return cache.computeIfAbsent(name, this::load);
    }

    private String load(String name) {
        String path = "sql/" + area + "/" + name + ".sql";
        try (InputStream in = SqlResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return schema == null ? text : text.replace("{schema}", schema.quoted());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
