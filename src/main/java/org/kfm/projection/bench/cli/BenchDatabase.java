package org.kfm.projection.bench.cli;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Instance;
import javax.sql.DataSource;
import org.kfm.projection.error.UsageException;
import org.postgresql.ds.PGSimpleDataSource;

/** The database a benchmark measures in: {@code --jdbc-url}, else the configured datasource. */
final class BenchDatabase {
    private BenchDatabase() {
    }

    /**
     * @param jdbcUrl {@code --jdbc-url}, or null
     * @throws UsageException {@code no-database} when neither is there
     */
    static DataSource of(String jdbcUrl, Instance<AgroalDataSource> agroal) {
        if (jdbcUrl != null) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(jdbcUrl);
            ds.setApplicationName("kfm-projection-bench");
            return ds;
        }
        try {
            AgroalDataSource ds = agroal.get();
            ds.getConfiguration();
            return ds;
        } catch (RuntimeException e) {
            throw new UsageException("no-database", "no database configured: pass --jdbc-url or set "
                    + "QUARKUS_DATASOURCE_JDBC_URL (bin/kfm-projection starts the local PostGIS when none is set)");
        }
    }
}
