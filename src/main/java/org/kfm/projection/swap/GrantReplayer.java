package org.kfm.projection.swap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.SqlResources;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;

/**
 * Carries privileges over to a new generation before it is swapped in. Grants belong to objects,
 * not names, so a schema rename leaves them with the old generation; the shadow gets every privilege
 * roles hold on live (schema, tables, views, sequences, columns, routines, the schema's default
 * privileges), matched by name, plus the configured reader role's access. Ownership is not a grant
 * and is not replayed; a different owner is noted.
 */
public final class GrantReplayer {
    private final DataSource dataSource;
    private final SqlResources sql = new SqlResources("swap", null);

    public GrantReplayer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Grants on {@code shadow} what roles hold on {@code live}, and access for {@code readerRole};
     * then compares the two. One transaction; a grant that fails is reported, not thrown.
     *
     * @throws KfmException rule {@code grant-replay-failed} when the catalog cannot be read or the
     *     transaction cannot commit
     */
    public GrantReport replay(PgIdentifier live, PgIdentifier shadow, Optional<PgIdentifier> readerRole) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<AclEntry> liveAcl = read(c, live);
                List<Grant> applied = new ArrayList<>();
                Map<AclEntry.Held, String> failures = new HashMap<>();
                replayGrants(c, liveAcl, read(c, shadow), shadow, applied, failures);
                if (readerRole.isPresent()) {
                    applied.addAll(grantReader(c, shadow, readerRole.get(), read(c, shadow), failures));
                }
                c.commit();
                return compare(live, shadow, liveAcl, read(c, shadow), applied, failures, readerRole);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback); // keep the first error
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "grant-replay-failed", "could not replay the privileges of "
                    + live + " on " + shadow + ": " + e.getMessage() + ". Nothing was granted.", e);
        }
    }

    /** @see ReaderAccess */
    public ReaderAccess readerAccess(PgIdentifier schema, PgIdentifier role) {
        try (Connection c = dataSource.getConnection()) {
            boolean roleExists = exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role.name());
            boolean schemaExists = exists(c, "SELECT 1 FROM pg_namespace WHERE nspname = ?", schema.name());
            if (!roleExists || !schemaExists) {
                return new ReaderAccess(schema.name(), role.name(), roleExists, schemaExists, false, List.of(),
                        List.of());
            }
            boolean usage = exists(c, "SELECT 1 WHERE has_schema_privilege(?, ?, 'USAGE')", role.name(),
                    schema.name());
            return new ReaderAccess(schema.name(), role.name(), true, true, usage,
                    names(c, "reader_tables_without_select", schema, role),
                    names(c, "reader_functions_without_execute", schema, role));
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "reader-access-check-failed", "could not check the access of role "
                    + role + " to schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** Parity rule 7: USAGE on the schema, SELECT on every table, EXECUTE on every kfm_* function. */
    public boolean readerRoleHasAccess(PgIdentifier schema, PgIdentifier role) {
        return readerAccess(schema, role).granted();
    }

    private void replayGrants(Connection c, List<AclEntry> liveAcl, List<AclEntry> shadowAcl, PgIdentifier shadow,
            List<Grant> applied, Map<AclEntry.Held, String> failures) throws SQLException {
        Set<AclEntry.ObjectRef> shadowObjects = shadowAcl.stream().map(AclEntry::object).collect(Collectors.toSet());
        Map<AclEntry.Held, Boolean> held = heldWithGrantOption(shadowAcl);
        for (AclEntry e : liveAcl) {
            if (!e.isGrant() || (held.containsKey(e.held()) && (held.get(e.held()) || !e.grantable()))) {
                continue;
            }
            boolean needsObject = !e.kind().equals("column") && !e.kind().equals("default");
            if (needsObject && !shadowObjects.contains(e.object())) {
                failures.put(e.held(), "no " + e.kind() + " of that name in " + shadow);
                continue;
            }
            execute(c, e, shadow, applied, failures);
        }
    }

    private void execute(Connection c, AclEntry e, PgIdentifier shadow, List<Grant> applied,
            Map<AclEntry.Held, String> failures) throws SQLException {
        String statement;
        try {
            statement = GrantStatements.grant(e, shadow);
        } catch (IllegalArgumentException bad) {
            failures.put(e.held(), bad.getMessage());
            return;
        }
        String failure = run(c, statement);
        if (failure == null) {
            applied.add(new Grant(e.object().describe(shadow.name()), e.privilege(), e.grantee(), e.grantable(),
                    statement));
        } else {
            failures.put(e.held(), failure);
        }
    }

    private List<Grant> grantReader(Connection c, PgIdentifier shadow, PgIdentifier role, List<AclEntry> shadowAcl,
            Map<AclEntry.Held, String> failures) throws SQLException {
        List<AclEntry> wanted = new ArrayList<>();
        wanted.add(new AclEntry("schema", "", "", "", role.name(), "USAGE", false, false, ""));
        for (AclEntry e : shadowAcl) {
            if (e.kind().equals("table")) {
                wanted.add(new AclEntry("table", e.name(), "", "", role.name(), "SELECT", false, false, ""));
            } else if (e.kind().equals("function") && e.name().startsWith("kfm_")) {
                wanted.add(new AclEntry("function", e.name(), e.args(), "", role.name(), "EXECUTE", false, false, ""));
            }
        }
        List<Grant> applied = new ArrayList<>();
        for (AclEntry e : new LinkedHashSet<>(wanted)) {
            execute(c, e, shadow, applied, failures);
        }
        return applied;
    }

    /** Runs one statement inside a savepoint: @return null when it worked, else the error. */
    private static String run(Connection c, String statement) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute(statement);
            c.releaseSavepoint(sp);
            return null;
        } catch (SQLException e) {
            c.rollback(sp);
            return e.getSQLState() + ": " + e.getMessage();
        }
    }

    private GrantReport compare(PgIdentifier live, PgIdentifier shadow, List<AclEntry> liveAcl,
            List<AclEntry> shadowAcl, List<Grant> applied, Map<AclEntry.Held, String> failures,
            Optional<PgIdentifier> readerRole) {
        Map<AclEntry.Held, Boolean> held = heldWithGrantOption(shadowAcl);
        List<UnmatchedGrant> unmatched = new ArrayList<>();
        for (AclEntry e : liveAcl) {
            Boolean h = held.get(e.held());
            if (e.isGrant() && (h == null || (e.grantable() && !h))) {
                unmatched.add(new UnmatchedGrant(e.object().describe(live.name()), e.privilege()
                        + (e.grantable() ? " WITH GRANT OPTION" : ""), e.grantee(),
                        failures.getOrDefault(e.held(), "not held on " + shadow + " after the replay")));
            }
        }
        return new GrantReport(live.name(), shadow.name(), applied, unmatched,
                AclNotes.notes(live, shadow, liveAcl, shadowAcl, readerRole));
    }

    static Map<AclEntry.Held, Boolean> heldWithGrantOption(List<AclEntry> acl) {
        Map<AclEntry.Held, Boolean> held = new HashMap<>();
        acl.stream().filter(e -> e.grantee() != null)
                .forEach(e -> held.merge(e.held(), e.grantable(), Boolean::logicalOr));
        return held;
    }

    private List<AclEntry> read(Connection c, PgIdentifier schema) throws SQLException {
        List<AclEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.get("acl_entries"))) {
            ps.setString(1, schema.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AclEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9)));
                }
            }
        }
        return out;
    }

    private List<String> names(Connection c, String query, PgIdentifier schema, PgIdentifier role)
            throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.get(query))) {
            ps.setString(1, schema.name());
            ps.setString(2, role.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static boolean exists(Connection c, String query, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
