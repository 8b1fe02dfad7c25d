package org.kfm.projection.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * run, deciding what becomes of it after a failure, and saying so once in the failure message.
 */
final class ShadowSchema {
    // the orchestrator's name, not ours: operators filter on it and the runbook quotes these lines
    private static final Logger LOG = LoggerFactory.getLogger(RebuildOrchestrator.class);
    private static final Pattern LOWER_LAYER_SHADOW_NOTE = Pattern.compile(
            "(?:\\s+Live projection untouched|;\\s*live projection untouched)[^\\n]*\\z");

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

    /** What happened to the shadow after a failed run, said the way an operator needs it. */
    String afterFailure(RunState run) {
        if (!run.shadowCreated()) {
            return "Live projection untouched.";
        }
        boolean keep = run.request().keepShadowOnFailure();
        if (!keep) {
            try {
                drop();
                return "Live projection untouched; shadow " + shadow + " dropped (--no-keep-shadow).";
            } catch (KfmException e) {
                return "Live projection untouched; shadow " + shadow + " could not be dropped: "
                        + e.getMessage();
            }
        }
        return "Live projection untouched; shadow kept as " + shadow + " for inspection (the next "
                + "rebuild drops it).";
    }

    /**
     * The message without the closing "Live projection untouched; shadow kept as ..." a lower layer
     * (swap, parity) adds for its own callers: the orchestrator decides what becomes of the shadow and
     * says so once, so the message never says "kept" about a shadow it dropped (--no-keep-shadow).
     */
    static String withoutShadowNote(String message) {
        Matcher m = LOWER_LAYER_SHADOW_NOTE.matcher(message);
        if (!m.find()) {
            return message;
        }
        String rest = message.substring(0, m.start());
        return rest.endsWith(".") ? rest : rest + ".";
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
