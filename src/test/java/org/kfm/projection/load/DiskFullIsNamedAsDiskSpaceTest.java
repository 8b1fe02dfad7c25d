package org.kfm.projection.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.error.ErrorCode;
import org.kfm.projection.error.KfmException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The server's disk_full (53100), as pgjdbc reports it, becomes rule disk-full, not copy-failed. */
class DiskFullIsNamedAsDiskSpaceTest {
    private static final PgIdentifier SHADOW = PgIdentifier.of("kfm_index_shadow");

    /** What PostgreSQL sends when it cannot extend a relation file: fields as on the wire, NUL-separated. */
    private static PSQLException serverError(String sqlState, String message) {
        return new PSQLException(new ServerErrorMessage("SERROR\0VERROR\0C" + sqlState + "\0M" + message
                + "\0HCheck free disk space.\0WCOPY feature_geom, line 4012\0Fmd.c\0L469\0Rmdextend\0"));
    }

    @Test
    void aCopyThatRanOutOfDiskSaysDiskSpaceAndWhatToDo() {
        PSQLException e = serverError("53100", "could not extend file \"base/16384/16512.3\": No space left on device");
        KfmException k = LoadErrors.copyFailed(SHADOW, "file:/data/parcels.geojson", 4011, e);
        assertEquals(ErrorCode.INSUFFICIENT_SPACE, k.code());
        assertEquals(6, k.code().exitCode());
        assertEquals(507, k.code().httpStatus());
        assertEquals("disk-full", k.rule());
        assertSame(e, k.getCause(), "the cause and its SQLSTATE are kept");
        String m = k.getMessage();
        assertTrue(m.startsWith("the database server ran out of disk space: COPY of file:/data/parcels.geojson into "
                + "kfm_index_shadow.feature_geom"), m);
        assertTrue(m.contains("No space left on device") && m.contains("[SQLSTATE 53100]"), m);
        assertTrue(m.contains("kfm-projection prune") && m.contains("--prune-before-load")
                && m.contains("kfm.load.max-shadow-bytes"), m);
    }

    @Test
    void aCommitOrIndexThatRanOutOfDiskSaysSoToo() {
        PSQLException e = serverError("53100", "could not write to file \"base/pgsql_tmp/pgsql_tmp77.0\": "
                + "No space left on device");
        KfmException commit = LoadErrors.statementFailed(SHADOW, "parcels-2026", "committing", e);
        assertEquals("disk-full", commit.rule());
        assertTrue(commit.getMessage().contains("committing for dataset version 'parcels-2026'"), commit.getMessage());
        KfmException index = LoadErrors.diskFull("building feature_geom_geom_idx on feature_geom", e);
        assertEquals(ErrorCode.INSUFFICIENT_SPACE, index.code());
    }

    @Test
    void otherResourceErrorsAreNotCalledDiskSpace() {
        KfmException memory = LoadErrors.copyFailed(SHADOW, "file:/a.geojson", 3,
                serverError("53200", "out of memory"));
        assertEquals("copy-failed", memory.rule());
        assertEquals(ErrorCode.FAILED, memory.code());
    }
}
