package org.kfm.projection.cli;

/**
 * A command that works on the database: before it runs, the effective configuration is logged
 * ({@code config.EffectiveConfigLog}). Commands without it (lint, help, {@code --version}) print none.
 */
interface UsesDatabase {
}
