package org.kfm.projection.catalog;

import java.net.URI;

/**
 * Which locations a catalog walk may read: the root, every document a {@code child} or
 * {@code item} link reaches, and every asset href. The walker asks before it opens anything, so a
 * catalog under an allowed prefix cannot make the service read elsewhere through its links.
 * Implementations must answer the same whether or not something exists at the location, so a
 * refusal never tells the caller what lies outside.
 */
public interface LocationPolicy {
    /** Everything may be read: the CLI and the configured catalog, which the operator chose. */
    LocationPolicy ANY = location -> true;

    /** The rule id of a refusal. */
    String RULE = "catalog-not-allowed";

    /** Whether {@code location} (a normalized {@code file:} or {@code s3:} URI) may be read. */
    boolean admits(URI location);

    /** What to tell the caller when a location is refused (never the location's real path). */
    default String refusal() {
        return "outside the allowed catalog prefixes (kfm.api.allowed-catalog-prefixes); it was not read";
    }
}
