package org.kfm.projection.migrate.lint;

import java.util.List;

/**
 * A migration directory: every top-level entry, classified by name, and the SQL files read from it.
 *
 * @param directory the directory as given
 * @param entries   every top-level entry, sorted by name
 * @param files     the SQL files, sorted by name
 */
public record MigrationSet(String directory, List<Entry> entries, List<MigrationFile> files) {

    public MigrationSet {
        entries = List.copyOf(entries);
        files = List.copyOf(files);
    }

    /**
     * One directory entry.
     *
     * @param path the entry as reached from the linted directory
     * @param name its classified name
     */
    public record Entry(String path, MigrationName name) {
    }
}
