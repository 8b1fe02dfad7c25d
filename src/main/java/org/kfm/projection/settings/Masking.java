package org.kfm.projection.settings;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * How secrets are printed: not at all. A URL keeps its scheme, host, port and path; its userinfo and
 * query (where tokens travel) become {@value #MASK}, as HikariCP prints passwords.
 */
public final class Masking {
    public static final String MASK = "<masked>";
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:^|[?&;])password=)[^&;]*");

    private Masking() {
    }

    /** {@code https://user:pw@tiles/reload?token=x#f} as {@code https://<masked>@tiles/reload?<masked>}. */
    public static String url(URI u) {
        if (u.getScheme() == null || u.getRawAuthority() == null) {
            return u.getRawQuery() == null && u.getRawUserInfo() == null ? u.toString() : MASK;
        }
        StringBuilder b = new StringBuilder(u.getScheme()).append("://");
        if (u.getRawUserInfo() != null) {
            b.append(MASK).append('@');
        }
        b.append(u.getHost() == null ? MASK : u.getHost());
        if (u.getPort() >= 0) {
            b.append(':').append(u.getPort());
        }
        b.append(u.getRawPath() == null ? "" : u.getRawPath());
        if (u.getRawQuery() != null) {
            b.append('?').append(MASK);
        }
        return b.toString();
    }

    /** A URL given as text; text that is not a URI is masked whole. */
    public static String url(String text) {
        try {
            return url(URI.create(text.strip()));
        } catch (IllegalArgumentException e) {
            return MASK;
        }
    }

    /**
     * A JDBC URL with the value of every {@code password} parameter masked, and any userinfo before
     * the host: {@code jdbc:postgresql://h/db?user=u&password=<masked>}.
     */
    public static String jdbcUrl(String url) {
        String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1" + MASK);
        int scheme = masked.indexOf("//");
        int at = scheme < 0 ? -1 : masked.indexOf('@', scheme);
        int slash = scheme < 0 ? -1 : masked.indexOf('/', scheme + 2);
        if (at > 0 && (slash < 0 || at < slash)) {
            masked = masked.substring(0, scheme + 2) + MASK + masked.substring(at);
        }
        return masked;
    }
}
