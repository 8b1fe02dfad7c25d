package org.kfm.projection.api;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * Every problem type the API answers with, and nothing else: the problem mappers only ever build
 * problems from these, and {@code docs/service.md} lists each (a test checks it). The type URI ends
 * with the slug; the {@code rule} member of a problem carries the finer rule id.
 */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", 400, "Malformed JSON body"),
    INVALID_FIELD("invalid-field", 400, "Invalid field"),
    CATALOG_NOT_ALLOWED("catalog-not-allowed", 400, "Catalog not allowed"),
    BAD_USAGE("bad-usage", 400, "Bad request"),
    UNAUTHORIZED("unauthorized", 401, "Unauthorized"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    NOT_FOUND("not-found", 404, "Not found"),
    RUN_NOT_FOUND("run-not-found", 404, "Run not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    LOCK_HELD("lock-held", 409, "Rebuild lock held"),
    RUN_NOT_RUNNING("run-not-running", 409, "Run not running"),
    NO_PREVIOUS_GENERATION("no-previous-generation", 409, "No previous generation"),
    PARITY_SCHEMA_MISSING("parity-schema-missing", 409, "Generation to check is missing"),
    LENGTH_REQUIRED("length-required", 411, "Content-Length required"),
    BODY_TOO_LARGE("body-too-large", 413, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    PARITY_FAILED("parity-failed", 422, "Parity failed"),
    BAD_INPUT("bad-input", 422, "Bad input artifact"),
    FAILED("failed", 500, "Operation failed"),
    INSUFFICIENT_SPACE("insufficient-space", 507, "Insufficient storage"),
    SHUTTING_DOWN("shutting-down", 503, "Shutting down");

    static final String BASE = "https://kfm.example/problems/";

    /** Rules of the request itself, whose type is sharper than their error code's. */
    private static final Map<String, ProblemType> BY_RULE = Map.ofEntries(
            Map.entry("malformed-json", MALFORMED_JSON), Map.entry("duplicate-member", MALFORMED_JSON),
            Map.entry("invalid-field", INVALID_FIELD), Map.entry("wrong-type", INVALID_FIELD),
            Map.entry("unknown-field", INVALID_FIELD), Map.entry("invalid-catalog-uri", INVALID_FIELD),
            Map.entry("catalog-not-allowed", CATALOG_NOT_ALLOWED),
            Map.entry("run-not-found", RUN_NOT_FOUND), Map.entry("run-not-running", RUN_NOT_RUNNING),
            Map.entry("no-previous-generation", NO_PREVIOUS_GENERATION),
            Map.entry("parity-schema-missing", PARITY_SCHEMA_MISSING),
            Map.entry("shutting-down", SHUTTING_DOWN), Map.entry("body-too-large", BODY_TOO_LARGE),
            Map.entry("unsupported-media-type", UNSUPPORTED_MEDIA_TYPE));

    private static final Map<Integer, ProblemType> BY_STATUS = Map.of(401, UNAUTHORIZED, 403, FORBIDDEN,
            404, NOT_FOUND, 405, METHOD_NOT_ALLOWED, 406, NOT_ACCEPTABLE, 411, LENGTH_REQUIRED, 413, BODY_TOO_LARGE,
            415, UNSUPPORTED_MEDIA_TYPE);

    private static final Map<String, ProblemType> BY_SLUG = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ProblemType::slug, Function.identity()));

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The type of a failure: by its rule where that is sharper, else by its error code. */
    static ProblemType of(KfmException e) {
        if (e.code() == ErrorCode.BAD_INPUT) {
            // A catalog document's own rules (malformed-json, invalid-field...) are about the input, not the request.
            return e.rule().equals("catalog-not-allowed") ? CATALOG_NOT_ALLOWED : BAD_INPUT;
        }
        ProblemType byRule = BY_RULE.get(e.rule());
        if (byRule != null) {
            return byRule;
        }
        return of(e.code());
    }

    static ProblemType of(ErrorCode code) {
        return switch (code) {
            case BAD_USAGE -> BAD_USAGE;
            case LOCK_HELD -> LOCK_HELD;
            case PARITY_FAILED -> PARITY_FAILED;
            case BAD_INPUT -> BAD_INPUT;
            case FAILED -> FAILED;
            case INSUFFICIENT_SPACE -> INSUFFICIENT_SPACE;
        };
    }

    /** The type of a framework answer (unknown path, wrong method...): 4xx as bad usage, 5xx as failed. */
    static ProblemType ofStatus(int status) {
        return Optional.ofNullable(BY_STATUS.get(status)).orElse(status >= 500 ? FAILED : BAD_USAGE);
    }

    static Optional<ProblemType> bySlug(String slug) {
        return Optional.ofNullable(BY_SLUG.get(slug));
    }
}
