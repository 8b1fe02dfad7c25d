package org.kfm.projection.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a schema's indexes aside for the load and rebuilds them afterwards (DESIGN §2 steps 4–5):
 * {@link #setAside} captures every index, PRIMARY KEY, UNIQUE, EXCLUDE and FOREIGN KEY constraint of
 * the schema's tables as PostgreSQL itself prints them and drops them; {@link #recreate} builds them
 * again from those definitions and ANALYZEs every table. The migrations stay the only source of index
 * definitions. Building on the unserved shadow needs no {@code CONCURRENTLY}.
 *
 * <p>Recreate order: (1) every plain index and the index behind each primary key or unique
 * constraint, with {@code CREATE [UNIQUE] INDEX}, up to {@code parallelism} at once, larger tables first
 * and unique ones first per table (a duplicate fails early). These builds take SHARE locks, so two
 * builds on one table run side by side, which {@code ADD PRIMARY KEY} (ACCESS EXCLUSIVE) would not allow;
 * (2) on one connection, {@code ADD CONSTRAINT ... USING INDEX} turns those indexes back into their
 * constraints (a catalog change, no second scan), then exclusion constraints, foreign keys, CLUSTER ON
 * marks and comments; (3) ANALYZE of every table, in parallel.
 */
public final class ShadowIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowIndexes.class);

    /**
     * Run on each index-building connection before a build:
     * at least 256 MB of {@code maintenance_work_mem}, never lowering a larger setting. With the server
     * default of 64 MB both builds of a million-row {@code feature_geom} spill their sorts to disk
     * (the primary key needs ~90 MB, the GiST's sorted build ~70 MB: {@code trace_sort}); in memory
     * they need 10-20% less CPU and write no temporary files. {@link #SESSION_RESETS} undoes it, so a
     * pooled connection goes back as it came.
     */
    private static final List<String> SESSION_SETTINGS = List.of("SELECT set_config('maintenance_work_mem', "
            + "CASE WHEN pg_size_bytes(current_setting('maintenance_work_mem')) < pg_size_bytes('256MB') "
            + "THEN '256MB' ELSE current_setting('maintenance_work_mem') END, false)");
    /** Run after the builds on each connection that ran {@link #SESSION_SETTINGS}. */
    private static final List<String> SESSION_RESETS = List.of("RESET maintenance_work_mem");

    /** What {@link #setAside} captured and dropped. */
    public record SetAside(PgIdentifier schema, List<IndexDefinition> definitions, Duration duration) {
        public SetAside {
            Objects.requireNonNull(schema, "schema");
            definitions = List.copyOf(definitions);
        }
    }

    /** How long one index (build plus constraint attach) or one constraint took. */
    public record IndexTiming(String table, String name, IndexDefinition.Kind kind, Duration duration) {
    }

    /** How long ANALYZE of one table took. */
    public record AnalyzeTiming(String table, Duration duration) {
    }

    /**
     * What {@link #recreate} did.
     *
     * @param indexes one per captured definition, in definition order
     * @param indexing wall time of steps (1) and (2)
     * @param analyzing wall time of step (3)
     */
    public record Recreated(List<IndexTiming> indexes, List<AnalyzeTiming> analyzed, Duration indexing,
            Duration analyzing, int parallelism) {
        public Recreated {
            indexes = List.copyOf(indexes);
            analyzed = List.copyOf(analyzed);
        }
    }

    private final DataSource dataSource;
    private final int parallelism;
    private final Clock clock;

    /** @param parallelism connections used at once for index builds and ANALYZE */
    public ShadowIndexes(DataSource dataSource, int parallelism, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /**
     * The index definitions of {@code schema}'s tables, foreign keys first.
     *
     * @throws KfmException rule {@code index-failed} when the catalog query fails
     */
    public List<IndexDefinition> capture(PgIdentifier schema) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                return capture(c, schema);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failed("capturing the indexes of schema " + schema, e);
        }
    }

    /**
     * Captures every index definition of {@code schema}'s tables and drops them, in one transaction.
     *
     * @throws KfmException rule {@code index-failed} when a drop fails (e.g. a foreign key from
     *     outside the schema depends on a unique index); nothing is dropped then
     */
    public SetAside setAside(PgIdentifier schema) {
        Instant t0 = clock.instant();
        LOG.info("setting aside the indexes of {} started", schema);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                List<IndexDefinition> defs = capture(c, schema);
                for (IndexDefinition d : defs) {
                    s.execute(d.dropStatement());
                }
                c.commit();
                SetAside done = new SetAside(schema, defs, Duration.between(t0, clock.instant()));
                LOG.info("setting aside the indexes of {} complete: {} dropped in {} ms", schema, defs.size(),
                        done.duration().toMillis());
                return done;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("setting aside the indexes of schema " + schema + " (nothing was dropped)", e);
        }
    }

    /**
     * Rebuilds what {@code setAside} dropped, then ANALYZEs every table of the schema.
     *
     * @throws org.kfm.projection.error.BadInputException rule {@code duplicate-feature-id} (or
     *     {@code duplicate-key}) when loaded rows break a unique index, naming the key and its rows
     * @throws KfmException rule {@code index-failed} when a statement fails otherwise
     */
    public Recreated recreate(SetAside setAside) {
        PgIdentifier schema = setAside.schema();
        LOG.info("recreating {} index(es) of {} started on {} connection(s)", setAside.definitions().size(), schema,
                parallelism);
        Instant t0 = clock.instant();
        StatementPool pool = new StatementPool(dataSource, clock, "kfm-index-" + schema);
        List<IndexDefinition> builds = setAside.definitions().stream().filter(IndexDefinition::buildsAsIndex)
                .sorted(Comparator.comparingLong(IndexDefinition::tableBytes).reversed()
                        .thenComparing(d -> !d.unique()).thenComparing(IndexDefinition::name))
                .toList();
        Map<IndexDefinition, Duration> built = pool.run(builds, parallelism, ShadowIndexes::build);
        Map<IndexDefinition, Duration> attached = attachAll(setAside);
        Instant t1 = clock.instant();
        List<IndexTiming> timings = setAside.definitions().stream().map(d -> new IndexTiming(d.table(), d.name(),
                d.kind(), built.getOrDefault(d, Duration.ZERO).plus(attached.getOrDefault(d, Duration.ZERO))))
                .toList();
        List<AnalyzeTiming> analyzed = analyze(pool, schema);
        Recreated done = new Recreated(timings, analyzed, Duration.between(t0, t1), Duration.between(t1,
                clock.instant()), parallelism);
        LOG.info("recreating the indexes of {} complete: {} in {} ms, ANALYZE of {} table(s) in {} ms", schema,
                timings.size(), done.indexing().toMillis(), analyzed.size(), done.analyzing().toMillis());
        timings.forEach(t -> LOG.info("  {} {} on {}: {} ms", t.kind(), t.name(), t.table(), t.duration().toMillis()));
        return done;
    }

    private static void build(Connection c, IndexDefinition d) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String setting : SESSION_SETTINGS) {
                s.execute(setting);
            }
            try {
                s.execute(d.buildStatement());
            } finally {
                for (String reset : SESSION_RESETS) {
                    s.execute(reset);
                }
            }
        } catch (SQLException e) {
            if (d.unique() && DuplicateKeys.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw DuplicateKeys.describe(c, d, e);
            }
            throw e;
        }
    }

    /** Step (2): constraints from their indexes, exclusion constraints, foreign keys, CLUSTER ON, comments. */
    private Map<IndexDefinition, Duration> attachAll(SetAside setAside) {
        List<IndexDefinition> defs = setAside.definitions();
        List<IndexDefinition> order = new ArrayList<>();
        defs.stream().filter(d -> d.attachStatement() != null).forEach(order::add);
        defs.stream().filter(d -> d.kind() == IndexDefinition.Kind.EXCLUSION).forEach(order::add);
        defs.stream().filter(d -> d.kind() == IndexDefinition.Kind.FOREIGN_KEY).forEach(order::add);
        Map<IndexDefinition, Duration> timings = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (IndexDefinition d : order) {
                Instant t0 = clock.instant();
                s.execute(d.attachStatement() != null ? d.attachStatement() : d.buildStatement());
                timings.put(d, Duration.between(t0, clock.instant()));
            }
            for (IndexDefinition d : defs) {
                for (String extra : Arrays.asList(d.clusterStatement(), d.commentStatement())) {
                    if (extra != null) {
                        s.execute(extra);
                    }
                }
            }
        } catch (SQLException e) {
            throw failed("restoring the constraints of schema " + setAside.schema(), e);
        }
        return timings;
    }

    private List<AnalyzeTiming> analyze(StatementPool pool, PgIdentifier schema) {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(new SqlResources("load", null).get("schema_tables"))) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failed("listing the tables of schema " + schema, e);
        }
        Map<String, Duration> timings = pool.run(tables, parallelism, (c, table) -> {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE " + table);
            }
        });
        return tables.stream().map(t -> new AnalyzeTiming(t, timings.get(t))).toList();
    }

    private static List<IndexDefinition> capture(Connection c, PgIdentifier schema) throws SQLException {
        SqlResources sql = new SqlResources("load", null);
        try (Statement s = c.createStatement()) {
            // every name in the definitions comes out schema-qualified, whatever the caller's search_path
            s.execute("SET LOCAL search_path = pg_catalog");
        }
        List<IndexDefinition> defs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.get("capture_foreign_keys"))) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    defs.add(new IndexDefinition(rs.getString("table_name"), rs.getString("qualified_table"),
                            rs.getString("constraint_name"), rs.getString("quoted_constraint"), null,
                            IndexDefinition.Kind.FOREIGN_KEY, null, rs.getString("constraint_def"), false, false,
                            null, rs.getString("comment_sql"), List.of(), 0));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql.get("capture_indexes"))) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    defs.add(index(rs));
                }
            }
        }
        return defs;
    }

    private static IndexDefinition index(ResultSet rs) throws SQLException {
        Array keys = rs.getArray("key_columns");
        return new IndexDefinition(rs.getString("table_name"), rs.getString("qualified_table"),
                rs.getString("index_name"), rs.getString("quoted_index"), rs.getString("qualified_index"),
                IndexDefinition.Kind.ofConstraintType(rs.getString("constraint_type")), rs.getString("index_def"),
                rs.getString("constraint_def"), rs.getBoolean("deferrable"), rs.getBoolean("deferred"),
                rs.getString("cluster_sql"), rs.getString("comment_sql"),
                keys == null ? List.of() : Arrays.asList((String[]) keys.getArray()), rs.getLong("table_bytes"));
    }

    private static KfmException failed(String what, SQLException e) {
        if (LoadErrors.DISK_FULL.equals(e.getSQLState())) {
            return LoadErrors.diskFull(what, e);
        }
        return new KfmException(ErrorCode.FAILED, "index-failed", what + " failed: " + e.getMessage() + " [SQLSTATE "
                + e.getSQLState() + "]", e);
    }
}
