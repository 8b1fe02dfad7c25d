package org.kfm.projection.bench.rebuild;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * The two loads the rebuild is measured against, on the same rows:
 * <ul>
 * <li>reference A, the physical limit: {@code psql}'s binary {@code \copy} of a file holding exactly
 * the rows the loader wrote (exported once from the loaded table), into a fresh table of the same
 * layout, then the same GiST and primary-key builds (side by side, as the rebuild does) and ANALYZE;
 * <li>reference B: {@code ogr2ogr} with {@code PG_USE_COPY=YES} from the same GeoJSON files, one
 * process after the other into one table of GDAL's own layout (its serial primary key is maintained
 * during the load), then the same GiST build and ANALYZE.
 * </ul>
 */
final class ReferenceLoads {
    static final String COLUMNS = "dataset_version_id, feature_id, geom, properties, evidence_ref, updated_at, "
            + "feature_index";
    private static final Duration TIMEOUT = Duration.ofHours(2);

    /** One run of reference A. */
    record PhysicalRun(Duration copy, Duration index, Duration analyze) {
        Duration total() {
            return copy.plus(index).plus(analyze);
        }
    }

    /** One run of reference B. */
    record Ogr2ogrRun(Duration ogr2ogr, Duration index, Duration analyze) {
        Duration total() {
            return ogr2ogr.plus(index).plus(analyze);
        }
    }

    private final DataSource dataSource;
    private final PgTarget target;
    private final String psql;
    /**
     * What a DBA sets for a large index build, and what the rebuild's index step sets too (at least
     * 256 MB, so neither side's sorts spill to disk): the references are not handicapped against it.
     */
    private static final String INDEX_SESSION = "SET maintenance_work_mem = '256MB'";
    private static final String INDEX_SESSION_RESET = "RESET maintenance_work_mem";

    private final int parallelism;

    ReferenceLoads(DataSource dataSource, PgTarget target, String psql, int parallelism) {
        this.dataSource = dataSource;
        this.target = target;
        this.psql = psql;
        this.parallelism = parallelism;
    }

    /** Writes every row of {@code schema.feature_geom} to {@code file} in binary COPY format, with psql. */
    void export(PgIdentifier schema, Path file) {
        psql("\\copy (SELECT " + COLUMNS + " FROM " + schema.quoted() + ".feature_geom) TO " + quote(file)
                + " WITH (FORMAT binary)");
    }

    PhysicalRun physical(PgIdentifier schema, PgIdentifier like, Path file) {
        execute("DROP SCHEMA IF EXISTS " + schema.quoted() + " CASCADE", "CREATE SCHEMA " + schema.quoted(),
                "CREATE TABLE " + table(schema) + " (LIKE " + like.quoted() + ".feature_geom INCLUDING DEFAULTS)");
        Duration copy = psql("\\copy " + table(schema) + " (" + COLUMNS + ") FROM " + quote(file)
                + " WITH (FORMAT binary)").wall();
        long t0 = System.nanoTime();
        inParallel(List.of(
                List.of("CREATE INDEX feature_geom_geom_gist ON " + table(schema) + " USING gist (geom)"),
                List.of("CREATE UNIQUE INDEX feature_geom_pkey ON " + table(schema)
                        + " (dataset_version_id, feature_id)")));
        execute("ALTER TABLE " + table(schema) + " ADD CONSTRAINT feature_geom_pkey PRIMARY KEY USING INDEX "
                + "feature_geom_pkey");
        Duration index = Duration.ofNanos(System.nanoTime() - t0);
        return new PhysicalRun(copy, index, analyze(schema));
    }

    Ogr2ogrRun ogr2ogr(PgIdentifier schema, List<Path> files) {
        execute("DROP SCHEMA IF EXISTS " + schema.quoted() + " CASCADE", "CREATE SCHEMA " + schema.quoted());
        Duration load = Duration.ZERO;
        for (int i = 0; i < files.size(); i++) {
            List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "PostgreSQL", target.gdalConnection(),
                    files.get(i).toString(), "-nln", schema.name() + ".feature_geom", "-nlt", "GEOMETRY",
                    "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=ogc_fid", "-lco", "SPATIAL_INDEX=NONE",
                    "--config", "PG_USE_COPY", "YES"));
            if (i > 0) {
                cmd.add("-append");
            }
            load = load.plus(ExternalCommand.run(cmd, target.libpqEnvironment(), TIMEOUT).requireSuccess().wall());
        }
        long t0 = System.nanoTime();
        inParallel(List.of(List.of("CREATE INDEX feature_geom_geom_gist ON " + table(schema) + " USING gist (geom)")));
        Duration index = Duration.ofNanos(System.nanoTime() - t0);
        return new Ogr2ogrRun(load, index, analyze(schema));
    }

    void drop(PgIdentifier schema) {
        execute("DROP SCHEMA IF EXISTS " + schema.quoted() + " CASCADE");
    }

    private Duration analyze(PgIdentifier schema) {
        long t0 = System.nanoTime();
        execute("ANALYZE " + table(schema));
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private ExternalCommand.Finished psql(String command) {
        return ExternalCommand.run(List.of(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command),
                target.libpqEnvironment(), TIMEOUT).requireSuccess();
    }

    /** Each list of statements on its own connection, up to the parallelism at once. */
    private void inParallel(List<List<String>> sessions) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, sessions.size())));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<String> statements : sessions) {
                List<String> all = new ArrayList<>(List.of(INDEX_SESSION));
                all.addAll(statements);
                all.add(INDEX_SESSION_RESET);
                futures.add(pool.submit(() -> execute(all.toArray(String[]::new))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KfmException(ErrorCode.FAILED, "cancelled", "interrupted during a reference index build", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KfmException k ? k : new KfmException(ErrorCode.FAILED, "bench-failed",
                    "reference index build failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void execute(String... statements) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "bench-failed", "benchmark statement failed: " + e.getMessage()
                    + " [SQLSTATE " + e.getSQLState() + "]", e);
        }
    }

    private static String table(PgIdentifier schema) {
        return schema.quoted() + ".feature_geom";
    }

    private static String quote(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
