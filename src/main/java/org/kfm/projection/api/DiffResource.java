package org.kfm.projection.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kfm.projection.error.Shown;
import org.kfm.projection.run.DiffResults;
import org.kfm.projection.run.FeatureDiffs;

/**
 * What {@code kfm-projection diff} tells, for the console's kept shadow: per dataset version, the
 * features added, removed and changed between two of the projection's own generations. Only
 * {@code live}, {@code previous} and {@code shadow} are accepted (no other schema is readable over
 * HTTP), at most {@link #MAX_LIMIT} ids per version and kind; no GeoJSON (the CLI writes that).
 */
@Path("/api/v1/projection/diff")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "projection")
public class DiffResource {
    static final int MAX_LIMIT = 100;
    private static final Set<String> SIDES = Set.of("live", "previous", "shadow");

    private final FeatureDiffs diffs;

    @Inject
    public DiffResource(FeatureDiffs diffs) {
        this.diffs = diffs;
    }

    /** The API's view of a diff: the CLI's document without the file it may write. */
    public record DiffView(String from, String to, String datasetVersion, int limit, long added, long removed,
            long changed, List<DiffResults.Version> versions) {
        static DiffView of(DiffResults.Diff d) {
            return new DiffView(d.from(), d.to(), d.datasetVersion().orElse(null), d.limit(), d.added(), d.removed(),
                    d.changed(), d.versions());
        }
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @APIResponse(responseCode = "200", description = "Per dataset version, counts and the first ids added, removed "
            + "and changed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DiffView.class)))
    @APIResponse(responseCode = "400", description = "A side other than live, previous or shadow, a side that does "
            + "not exist now (schema-not-found), an unknown dataset version, or a limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No bearer token, or one that was rejected",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A token without the viewer or operator role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DiffView diff(@QueryParam("from") @DefaultValue("live") String from,
            @QueryParam("to") @DefaultValue("shadow") String to,
            @QueryParam("datasetVersion") String datasetVersion,
            @QueryParam("limit") @DefaultValue("10") String limit) {
        return DiffView.of(diffs.diff(side("from", from), side("to", to),
                Optional.ofNullable(datasetVersion).filter(v -> !v.isBlank()),
                RebuildsResource.intParam("limit", limit, 0, MAX_LIMIT), Optional.empty()));
    }

    private static String side(String name, String value) {
        if (!SIDES.contains(value)) {
            throw new InvalidFieldException("invalid-field", name, name + " must be live, previous or shadow, got '"
                    + Shown.value(value) + "'");
        }
        return value;
    }
}
