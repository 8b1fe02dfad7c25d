package org.kfm.projection.bench.rebuild;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kfm.projection.error.UsageException;

/**
 * Where the database is, in the terms libpq tools ({@code psql}, GDAL's {@code PG:} driver) need,
 * derived from a pgjdbc URL such as {@code jdbc:postgresql://127.0.0.1:55432/kfm?user=kfm}.
 */
public record PgTarget(String host, int port, String database, Optional<String> user, Optional<String> password) {
    public PgTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * @param user used when the URL has no {@code user} parameter (e.g. the datasource's username)
     * @param password used when the URL has no {@code password} parameter
     * @throws UsageException when the URL is not a single-host {@code jdbc:postgresql://} URL
     */
    public static PgTarget fromJdbcUrl(String url, Optional<String> user, Optional<String> password) {
        String prefix = "jdbc:postgresql://";
        if (url == null || !url.startsWith(prefix)) {
            throw new UsageException("invalid-jdbc-url", "expected a jdbc:postgresql://host[:port]/database URL, got "
                    + url);
        }
        String rest = url.substring(prefix.length());
        int q = rest.indexOf('?');
        Map<String, String> params = params(q < 0 ? "" : rest.substring(q + 1));
        String hostPortDb = q < 0 ? rest : rest.substring(0, q);
        int slash = hostPortDb.indexOf('/');
        String hostPort = slash < 0 ? hostPortDb : hostPortDb.substring(0, slash);
        String database = slash < 0 ? "" : decode(hostPortDb.substring(slash + 1));
        if (hostPort.contains(",")) {
            throw new UsageException("invalid-jdbc-url", "the benchmark needs one host, got " + hostPort);
        }
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon > 0 && !hostPort.endsWith("]");
        String host = hasPort ? hostPort.substring(0, colon) : hostPort;
        int port = hasPort ? Integer.parseInt(hostPort.substring(colon + 1)) : 5432;
        Optional<String> u = Optional.ofNullable(params.get("user")).or(() -> user);
        Optional<String> p = Optional.ofNullable(params.get("password")).or(() -> password);
        return new PgTarget(host.isEmpty() ? "localhost" : host, port, database.isEmpty() ? u.orElse("postgres")
                : database, u, p);
    }

    /** libpq's environment variables, for child processes (keeps the password off command lines). */
    public Map<String, String> libpqEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", Integer.toString(port));
        env.put("PGDATABASE", database);
        user.ifPresent(u -> env.put("PGUSER", u));
        password.ifPresent(p -> env.put("PGPASSWORD", p));
        return env;
    }

    /** GDAL's PostgreSQL connection string; the password travels in {@link #libpqEnvironment()}. */
    public String gdalConnection() {
        return "PG:dbname='" + database.replace("'", "\\'") + "'";
    }

    /** The pgjdbc URL with this target's user and password as parameters. */
    public String jdbcUrl() {
        StringBuilder sb = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
                .append(database);
        char sep = '?';
        if (user.isPresent()) {
            sb.append(sep).append("user=").append(encode(user.get()));
            sep = '&';
        }
        if (password.isPresent()) {
            sb.append(sep).append("password=").append(encode(password.get()));
        }
        return sb.toString();
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
