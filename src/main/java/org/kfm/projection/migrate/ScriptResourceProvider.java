package org.kfm.projection.migrate;

import java.io.Reader;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/** Hands Flyway exactly the scripts of a {@link MigrationSource}, wherever they were read from. */
final class ScriptResourceProvider implements ResourceProvider {
    private final MigrationSource source;

    ScriptResourceProvider(MigrationSource source) {
        this.source = source;
    }

    @Override
    public LoadableResource getResource(String name) {
        MigrationScript script = source.script(name);
        return script == null ? null : new ScriptResource(source.location(), script);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return source.scripts().stream()
                .filter(s -> s.filename().startsWith(prefix))
                // Flyway's own scanner matches suffixes ignoring case; a stricter match here would skip
                // 0020__x.SQL without a word, where Flyway would run it.
                .filter(s -> Arrays.stream(suffixes).anyMatch(suffix -> s.filename().toLowerCase(Locale.ROOT)
                        .endsWith(suffix.toLowerCase(Locale.ROOT))))
                .map(s -> (LoadableResource) new ScriptResource(source.location(), s))
                .toList();
    }

    private static final class ScriptResource extends LoadableResource {
        private final String location;
        private final MigrationScript script;

        ScriptResource(String location, MigrationScript script) {
            this.location = location;
            this.script = script;
        }

        @Override
        public Reader read() {
            return new StringReader(script.sql());
        }

        @Override
        public String getAbsolutePath() {
            return location + "/" + script.filename();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return script.filename();
        }

        @Override
        public String getRelativePath() {
            return script.filename();
        }
    }

    static List<String> names(MigrationSource source) {
        return source.scripts().stream().map(MigrationScript::filename).toList();
    }
}
