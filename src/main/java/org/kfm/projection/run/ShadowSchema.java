package org.kfm.projection.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.db.Schemas;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.kfm.projection.ops.OpsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping of the shadow schema a rebuild builds in: dropping the leftover of an unfinished
 * run, and deciding what becomes of it after a failure.
 */
final class ShadowSchema {
    // the orchestrator's name, not ours: operators filter on it and the runbook quotes these lines
    private static final Logger LOG = LoggerFactory.getLogger(RebuildOrchestrator.class);

    private final DataSource dataSource;
    private final PgIdentifier shadow;
    private final OpsStore ops;

    ShadowSchema(DataSource dataSource, PgIdentifier shadow, OpsStore ops) {
        this.dataSource = dataSource;
        this.shadow = shadow;
        this.ops = ops;
    }

    /** Drops the shadow an earlier run left behind, if any, and records that in this run's events. */
    void dropLeftover(RunState run) {
        if (!schemaExists(shadow)) {
            return;
        }
        LOG.warn("dropping leftover shadow schema {} from an earlier run that did not finish", shadow);
        ops.event(run.id(), Phase.PREPARING.name(), "dropped leftover shadow " + shadow, null);
        drop();
    }

    /**
     * Decides what becomes of the shadow after a failed run (kept, or dropped on request) and says it
     * as a value: the orchestrator builds the one sentence from it.
     */
    DataEffect afterFailure(RunState run) {
        DataEffect untouched = DataEffect.untouched();
        if (!run.shadowCreated()) {
            return untouched;
        }
        if (!run.request().keepShadowOnFailure()) {
            try {
                drop();
                return untouched.shadowDropped(shadow.name());
            } catch (KfmException e) {
                return untouched.shadowDropFailed(shadow.name(), e.getMessage());
            }
        }
        return untouched.shadowKept(shadow.name());
    }

    /** Whether a schema exists: the shadow, or the live projection the orchestrator asks about. */
    boolean schemaExists(PgIdentifier schema) {
        return Schemas.exists(dataSource, schema);
    }

    private void drop() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + shadow.quoted() + " CASCADE");
        } catch (SQLException e) {
            throw new KfmException(ErrorCode.FAILED, "drop-shadow-failed", "cannot drop shadow schema "
                    + shadow + ": " + e.getMessage(), e);
        }
    }
}
