package org.kfm.projection.api;

/**
 * The body of POST /api/v1/projection/validate; every member is optional.
 *
 * @param generation which generation to check: {@code live} (default), {@code previous} or {@code shadow}
 * @param catalog the catalog to check against (default: kfm.catalog.uri), under the allowed prefixes
 */
public record ValidateBody(String generation, String catalog) {
    static final ValidateBody EMPTY = new ValidateBody(null, null);
}
