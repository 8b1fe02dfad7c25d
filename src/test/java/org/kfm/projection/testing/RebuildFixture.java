package org.kfm.projection.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.kfm.projection.artifact.ArtifactStores;
import org.kfm.projection.artifact.StoreSettings;
import org.kfm.projection.settings.Settings;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.feature.UnclosedRingPolicy;
import org.kfm.projection.load.GeometryDigests;
import org.kfm.projection.history.Trigger;
import org.kfm.projection.run.CoreWiring;
import org.kfm.projection.run.ProjectionOperations;
import org.kfm.projection.run.RebuildOrchestrator;
import org.kfm.projection.run.RebuildRequest;
import org.kfm.projection.run.RebuildResult;
import org.kfm.projection.run.RebuildServices;
import org.kfm.projection.settings.RebuildSettings;
import org.kfm.projection.settings.SwapOptions;
import org.kfm.projection.run.RunObserver;
import org.kfm.projection.validate.DigestChangePolicy;
import org.kfm.projection.validate.InvalidGeometryPolicy;
import org.kfm.projection.validate.ParityPolicy;

/**
 * The rebuild wired by {@code run.CoreWiring}, as production wires it, on a pooled datasource (as the
 * application has), against a {@link TestDatabase}, for one projection name of the test's own. Also
 * the queries rebuild tests ask of a generation: digests, row counts and a hash of every row.
 */
public final class RebuildFixture implements AutoCloseable {
    public static final Trigger TRIGGER = new Trigger("rebuild-it@ci", "test");
    public static final String MIGRATIONS = "classpath:migrations/postgis";

    private final TestDatabase db;
    private final AgroalDataSource pool;
    private final Settings settings;
    private final RebuildServices services;
    /** As Quarkus configures its mapper: java.time and Optional modules, ISO dates. */
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private RebuildFixture(TestDatabase db, Builder b) {
        this.db = db;
        this.pool = pool(db.jdbcUrl());
        Optional<PgIdentifier> reader = Optional.ofNullable(b.readerRole).map(PgIdentifier::of);
        this.settings = new Settings(PgIdentifier.of(b.projection), PgIdentifier.of("kfm_ops"),
                PgIdentifier.of("public"), 4326, b.migrations, Optional.empty(), Optional.empty(), reader);
        RebuildSettings rebuild = RebuildSettings.defaults(b.parallelism).withParity(new RebuildSettings.ParitySettings(
                b.invalidGeometry, b.liveDigest, ParityPolicy.DEFAULT_BBOX_TOLERANCE,
                ParityPolicy.DEFAULT_MIN_SHRINK_FRACTION, RebuildSettings.LiveBaselineMode.RECORDED));
        rebuild = new RebuildSettings(rebuild.parallelism(), rebuild.copyStreams(), rebuild.parity(),
                rebuild.writeReceiptsToStore(), b.unclosedRings, b.maxShadowBytes);
        this.services = CoreWiring.services(pool, settings, rebuild, SwapOptions.defaults(),
                ArtifactStores.create(StoreSettings.defaults()), json, b.clock, b.runIds);
    }

    public static Builder builder(TestDatabase db, String projection) {
        return new Builder(db, projection);
    }

    /** The settings a test may change; everything else is as the application's defaults. */
    public static final class Builder {
        private final TestDatabase db;
        private final String projection;
        private int parallelism = 2;
        private InvalidGeometryPolicy invalidGeometry = InvalidGeometryPolicy.REPORT;
        private DigestChangePolicy liveDigest = DigestChangePolicy.FAIL;
        private String readerRole;
        private UnclosedRingPolicy unclosedRings = UnclosedRingPolicy.REJECT;
        private Clock clock = Clock.systemUTC();
        private Supplier<UUID> runIds = UUID::randomUUID;
        private OptionalLong maxShadowBytes = OptionalLong.empty();
        private String migrations = MIGRATIONS;

        private Builder(TestDatabase db, String projection) {
            this.db = db;
            this.projection = projection;
        }

        public Builder parallelism(int n) {
            this.parallelism = n;
            return this;
        }

        public Builder invalidGeometry(InvalidGeometryPolicy p) {
            this.invalidGeometry = p;
            return this;
        }

        public Builder liveDigest(DigestChangePolicy p) {
            this.liveDigest = p;
            return this;
        }

        public Builder unclosedRings(UnclosedRingPolicy p) {
            this.unclosedRings = p;
            return this;
        }

        public Builder readerRole(String role) {
            this.readerRole = role;
            return this;
        }

        /** The time every record and receipt is written with. */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** {@code kfm.load.max-shadow-bytes}. */
        public Builder maxShadowBytes(long budget) {
            this.maxShadowBytes = OptionalLong.of(budget);
            return this;
        }

        /** Where new runs get their ids. */
        public Builder runIds(Supplier<UUID> ids) {
            this.runIds = ids;
            return this;
        }

        /** Where the projection migrations are read ({@code filesystem:/dir}); the packaged ones by default. */
        public Builder migrations(String location) {
            this.migrations = location;
            return this;
        }

        public RebuildFixture build() {
            return new RebuildFixture(db, this);
        }
    }

    private static AgroalDataSource pool(String url) {
        try {
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(p -> p
                    .maxSize(10).acquisitionTimeout(Duration.ofSeconds(30))
                    .exceptionSorter(new PostgreSQLExceptionSorter()) // as Quarkus configures it for PostgreSQL
                    .connectionFactoryConfiguration(f -> f.jdbcUrl(url))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Settings settings() {
        return settings;
    }

    public RebuildServices services() {
        return services;
    }

    public AgroalDataSource dataSource() {
        return pool;
    }

    public PgIdentifier live() {
        return settings.projection();
    }

    public PgIdentifier shadow() {
        return settings.shadow();
    }

    public PgIdentifier previous() {
        return settings.previous();
    }

    public RebuildOrchestrator orchestrator() {
        return new RebuildOrchestrator(services);
    }

    public ProjectionOperations operations() {
        return new ProjectionOperations(services);
    }

    /** A request for {@code catalog} with the defaults (no force, shadow kept on failure). */
    public static RebuildRequest request(Path catalog) {
        return new RebuildRequest(Optional.of(catalog.toString()), false, false, false, OptionalDouble.empty(), true,
                TRIGGER);
    }

    public static RebuildRequest forced(Path catalog) {
        return new RebuildRequest(Optional.of(catalog.toString()), false, false, true, OptionalDouble.empty(), true,
                TRIGGER);
    }

    public static RebuildRequest allowingShrink(Path catalog, double fraction) {
        return new RebuildRequest(Optional.of(catalog.toString()), false, false, false, OptionalDouble.of(fraction),
                true, TRIGGER);
    }

    public RebuildResult rebuild(Path catalog) {
        return orchestrator().rebuild(request(catalog), RunObserver.NONE);
    }

    public RebuildResult rebuild(RebuildRequest request) {
        return orchestrator().rebuild(request, RunObserver.NONE);
    }

    /** Runs a rebuild that must fail and returns its error. */
    public KfmException rebuildFails(RebuildRequest request) {
        return assertThrows(KfmException.class, () -> rebuild(request), "the rebuild should have failed");
    }

    /**
     * What every failed rebuild must leave: live as it was (rows, digests, every column) and still
     * the same generation, the run recorded with its outcome, code and rule, the error saying what
     * happened to the shadow, and the shadow there for inspection when {@code shadowKept}.
     *
     * @return the run's row
     */
    public JsonNode assertLiveUntouched(KfmException e, Snapshot before, Long generation, ErrorCode code,
            String rule, boolean shadowKept) {
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(rule, e.rule(), e.getMessage());
        assertEquals(before, liveSnapshot(), "live untouched");
        assertEquals(generation, liveGeneration(), "live generation unchanged");
        assertEquals(shadowKept, exists(shadow()), "shadow kept for inspection: " + shadowKept);
        boolean refused = code == ErrorCode.LOCK_HELD;
        if (!refused) {
            assertTrue(e.getMessage().contains(shadowKept ? "shadow kept as " + shadow().name() + " for inspection"
                    : "Live projection untouched"), e.getMessage());
        }
        JsonNode run = lastRun("rebuild");
        String outcome = refused ? "REFUSED" : "cancelled".equals(rule) ? "CANCELLED" : "FAILED";
        assertEquals(outcome, run.get("outcome").asText(), run.toString());
        assertEquals(outcome, run.get("state").asText());
        assertEquals(code.name(), run.get("error_code").asText());
        assertEquals(rule, run.get("error_rule").asText());
        assertEquals(code.exitCode(), run.at("/receipt/error/exitCode").asInt(), run.toString());
        assertFalse(run.get("finished_at").isNull());
        return run;
    }

    /** The rules of the failing findings in a receipt's parity report. */
    public static List<String> failedRules(JsonNode receipt) {
        List<String> out = new ArrayList<>();
        receipt.at("/parity/findings").forEach(f -> {
            if ("fail".equalsIgnoreCase(f.get("severity").asText())) {
                out.add(f.get("rule").asText());
            }
        });
        return out;
    }

    /** What a generation holds, for before/after comparisons. */
    public record Snapshot(Map<String, String> digests, Map<String, Long> rowsPerVersion, long rows, String rowsHash) {
    }

    /**
     * Digest and rows per dataset version, and an md5 over every row of {@code feature_geom} in key
     * order: {@code ST_AsEWKB}, properties, evidence_ref, updated_at (UTC) and feature_index.
     */
    public Snapshot snapshot(PgIdentifier schema) {
        Map<String, Long> perVersion = new LinkedHashMap<>();
        for (List<String> r : rows("SELECT dataset_version_id, count(*) FROM " + schema.quoted()
                + ".feature_geom GROUP BY 1 ORDER BY 1")) {
            perVersion.put(r.get(0), Long.parseLong(r.get(1)));
        }
        try (Connection c = pool.getConnection()) {
            return new Snapshot(GeometryDigests.inDatabase(c, schema), perVersion,
                    perVersion.values().stream().mapToLong(Long::longValue).sum(), one(rowsHashSql(schema)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One text line per row of {@code feature_geom}, in key order, with every column a reader sees. */
    public static String rowsSql(PgIdentifier schema) {
        return "SELECT concat_ws(' | ', dataset_version_id, feature_id, encode(ST_AsEWKB(geom), 'hex'),"
                + " properties::text, evidence_ref, to_char(updated_at AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), feature_index) FROM " + schema.quoted()
                + ".feature_geom ORDER BY dataset_version_id, feature_id";
    }

    private static String rowsHashSql(PgIdentifier schema) {
        return "SELECT md5(coalesce(string_agg(r, E'\\n'), '')) FROM (" + rowsSql(schema) + ") AS t(r)";
    }

    public Snapshot liveSnapshot() {
        return snapshot(live());
    }

    public boolean exists(PgIdentifier schema) {
        return "t".equals(one("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '" + schema.name() + "')"));
    }

    /** The run's row in {@code kfm_ops.rebuild_run} as JSON (receipt and arguments parsed). */
    public JsonNode run(UUID runId) {
        return readJson(one("SELECT row_to_json(r)::text FROM kfm_ops.rebuild_run r WHERE run_id = '" + runId + "'"));
    }

    /** The most recent run of {@code kind} of this projection, or null. */
    public JsonNode lastRun(String kind) {
        String row = one("SELECT row_to_json(r)::text FROM kfm_ops.rebuild_run r WHERE kind = '" + kind
                + "' AND projection = '" + settings.projection().name() + "' ORDER BY started_at DESC LIMIT 1");
        return row == null ? null : readJson(row);
    }

    /** The run's events as {@code STATE: message}, oldest first. */
    public List<String> events(UUID runId) {
        return rows("SELECT state || ': ' || message FROM kfm_ops.rebuild_event WHERE run_id = '" + runId
                + "' ORDER BY event_id").stream().map(r -> r.get(0)).toList();
    }

    /** The live generation's number in the ledger, or null. */
    public Long liveGeneration() {
        String n = one("SELECT generation FROM kfm_ops.generation WHERE status = 'live' AND projection = '"
                + settings.projection().name() + "'");
        return n == null ? null : Long.valueOf(n);
    }

    public String one(String sql) {
        List<List<String>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    public List<List<String>> rows(String sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<List<String>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestDatabase database() {
        return db;
    }

    @Override
    public void close() {
        pool.close();
    }
}
