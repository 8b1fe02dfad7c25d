package org.kfm.projection.migrate.lint;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kfm.projection.migrate.lint.sql.Token;
import org.kfm.projection.migrate.lint.sql.TokenType;

/**
 * The comment header at the top of a migration: the {@code --} line comments before the first
 * statement. A field starts a comment line ({@code -- Risk: low}); further fields may follow on the
 * same line ({@code -- Risk: medium  Rollback: manual — ...}, as in the seed template); a comment
 * line without a label continues the previous field. Comments after the first statement are not
 * part of the header.
 *
 * @param fields the fields found, with their value and line
 */
public record MigrationHeader(Map<HeaderField, Entry> fields) {
    private static final Pattern LEADING_LABEL = Pattern.compile(
            "^(purpose|risk|rollback|notes|rebuild)\\s*:", Pattern.CASE_INSENSITIVE);
    /** Further fields on one line must be capitalized as in the template, so prose is not split. */
    private static final Pattern INNER_LABEL = Pattern.compile("\\s(Purpose|Risk|Rollback|Notes|Rebuild)\\s*:");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]*>");

    /**
     * One field's value and the line it starts on.
     *
     * @param value the text after the label, continuation lines joined with a space
     * @param line  1-based line of the label
     */
    public record Entry(String value, int line) {
    }

    public MigrationHeader {
        fields = Map.copyOf(fields);
    }

    public static MigrationHeader parse(List<Token> tokens) {
        Map<HeaderField, Entry> fields = new EnumMap<>(HeaderField.class);
        HeaderField last = null;
        for (Token t : tokens) {
            if (!t.type().isComment()) {
                break;
            }
            String text = t.type() == TokenType.LINE_COMMENT ? t.value().replaceFirst("^-*", "").trim() : "";
            if (text.isEmpty()) {
                last = null;
            } else if (LEADING_LABEL.matcher(text).find()) {
                last = parseLine(text, t.line(), fields);
            } else if (last != null) {
                Entry e = fields.get(last);
                fields.put(last, new Entry((e.value() + " " + text).trim(), e.line()));
            }
        }
        return new MigrationHeader(fields);
    }

    /** Parses one labelled line into one or more fields; returns the last field it set. */
    private static HeaderField parseLine(String text, int line, Map<HeaderField, Entry> fields) {
        Matcher inner = INNER_LABEL.matcher(text);
        int start = 0;
        HeaderField last = null;
        while (start < text.length()) {
            int end = inner.find(start + 1) ? inner.start() : text.length();
            String part = text.substring(start, end).trim();
            int colon = part.indexOf(':');
            last = HeaderField.valueOf(part.substring(0, colon).trim().toUpperCase(Locale.ROOT));
            fields.putIfAbsent(last, new Entry(part.substring(colon + 1).trim(), line));
            start = end;
        }
        return last;
    }

    /** The field when written with a real value: not blank and not the template's {@code <...>}. */
    public Optional<Entry> get(HeaderField field) {
        Entry e = fields.get(field);
        return e == null || e.value().isBlank() || PLACEHOLDER.matcher(e.value()).matches()
                ? Optional.empty() : Optional.of(e);
    }

    /** True when the field is written at all, even blank or as a template placeholder. */
    public boolean isWritten(HeaderField field) {
        return fields.containsKey(field);
    }

    public boolean has(HeaderField field) {
        return get(field).isPresent();
    }

    /** The first word of a field, lower-case, e.g. {@code medium} for {@code Risk: Medium — rewrites}. */
    public Optional<String> keyword(HeaderField field) {
        return get(field).map(e -> e.value().split("[\\s,;:—–-]+", 2)[0].toLowerCase(Locale.ROOT));
    }

    /** The text after a field's keyword, e.g. the "how" of {@code Rollback: manual — restore ...}. */
    public String afterKeyword(HeaderField field) {
        return get(field).map(e -> {
            String[] parts = e.value().split("[\\s,;:—–-]+", 2);
            return parts.length > 1 ? parts[1].trim() : "";
        }).orElse("");
    }
}
