package org.kfm.projection.api;

/**
 * The body of POST /api/v1/rebuilds; every member is optional.
 *
 * @param catalog root catalog URI, under one of kfm.api.allowed-catalog-prefixes (default: kfm.catalog.uri)
 * @param force rebuild even when the catalog and migrations equal the live generation's
 * @param allowShrink accept a shadow with at least this fraction (0..1) of live's rows
 * @param dryRun read and check the catalog, change nothing
 * @param noSwap build and validate the shadow, keep it, do not swap
 * @param pruneBeforeLoad drop the previous generation before the shadow is written; its disk counts
 *     toward kfm.load.max-shadow-bytes, and there is no rollback target until the new generation swaps
 * @param full load every dataset version from its artifacts instead of carrying unchanged ones from live
 */
public record RebuildBody(String catalog, Boolean force, Double allowShrink, Boolean dryRun, Boolean noSwap,
        Boolean pruneBeforeLoad, Boolean full) {
    static final RebuildBody EMPTY = new RebuildBody(null, null, null, null, null, null, null);
}
