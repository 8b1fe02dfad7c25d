package org.kfm.projection.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configured webhook URL and the label that stands for it wherever it is shown or stored (logs,
 * receipts, {@code kfm_ops.webhook_delivery}, the API). A URL may carry secrets in its query string
 * ({@code ?token=...}) or userinfo ({@code user:password@}), so the label never includes them: it is
 * the configured name of a {@code name=https://...} entry, else {@code scheme://host[:port]/path}.
 * {@link #toString()} is the label. Userinfo is sent as HTTP Basic authorization, never in the
 * request line.
 */
public final class WebhookTarget {
    private static final Pattern NAMED = Pattern.compile("([A-Za-z][A-Za-z0-9._-]{0,63})=(.*)", Pattern.DOTALL);
    private static final String HIDDEN = "<hidden>";

    private final String label;
    private final URI uri;
    private final Optional<String> authorization;

    private WebhookTarget(String label, URI uri, Optional<String> authorization) {
        this.label = label;
        this.uri = uri;
        this.authorization = authorization;
    }

    /**
     * Parses one entry of {@code kfm.webhooks.urls}: {@code https://host/path?query} or
     * {@code name=https://host/path?query}.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL with a host; the message never
     *     quotes the entry (it may carry a secret), only its name when it has one
     */
    public static WebhookTarget parse(String entry) {
        String value = entry.strip();
        Optional<String> name = Optional.empty();
        Matcher m = NAMED.matcher(value);
        if (m.matches()) {
            name = Optional.of(m.group(1));
            value = m.group(2).strip();
        }
        String what = name.map(n -> "the URL named '" + n + "'").orElse("an entry");
        URI parsed;
        try {
            parsed = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a valid URL (" + e.getReason()
                    + "; the value is not shown, it may carry a secret)");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
            throw new IllegalArgumentException(what + " is not an http(s) URL with a host (the value is not shown, "
                    + "it may carry a secret); use https://host/path or name=https://host/path");
        }
        String hostPort = parsed.getHost().toLowerCase(Locale.ROOT) + (parsed.getPort() < 0 ? "" : ":"
                + parsed.getPort());
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        URI request;
        try {
            request = new URI(scheme + "://" + hostPort + path + (parsed.getRawQuery() == null ? ""
                    : "?" + parsed.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " cannot be rebuilt without its userinfo (" + e.getReason()
                    + ")");
        }
        Optional<String> basic = Optional.ofNullable(parsed.getUserInfo()).map(u -> "Basic "
                + Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8)));
        return new WebhookTarget(name.orElse(scheme + "://" + hostPort + path), request, basic);
    }

    /** What stands for this URL everywhere it is shown: never its query string or userinfo. */
    public String label() {
        return label;
    }

    /** The URL to call, without userinfo; keep it out of logs and records. */
    public URI uri() {
        return uri;
    }

    /** The {@code Authorization} header made from the URL's userinfo, if it had any. */
    public Optional<String> authorization() {
        return authorization;
    }

    /** The text with this URL's query string, userinfo and whole form replaced (for error messages). */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(uri.toString(), label);
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            out = out.replace(uri.getRawQuery(), HIDDEN);
            if (uri.getQuery() != null && !uri.getQuery().isEmpty()) {
                out = out.replace(uri.getQuery(), HIDDEN);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return label;
    }
}
