package org.kfm.projection.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The operator console's one HTML page, at {@code /} and at every console address a person may
 * bookmark or paste ({@code /console}, {@code /console/runs/{id}}, {@code /console/audit}); its
 * script and style are static files under {@code /console/assets/}. The page holds no data: it
 * calls {@code /api/v1} with the bearer token the person pasted. The Content-Security-Policy allows
 * nothing but this origin, so the page can fetch nothing from any other host.
 */
@Path("/")
public class ConsolePage {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final String PAGE = "META-INF/resources/console/index.html";

    private final String html;

    public ConsolePage() {
        try (InputStream in = ConsolePage.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + PAGE);
            }
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response root() {
        return page();
    }

    @GET
    @Path("console")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response console() {
        return page();
    }

    @GET
    @Path("console/audit")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response audit() {
        return page();
    }

    @GET
    @Path("console/runs/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response run(@PathParam("id") String id) {
        return page();
    }

    private Response page() {
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").build();
    }
}
