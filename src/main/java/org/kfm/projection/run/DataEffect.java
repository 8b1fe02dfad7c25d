package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * What a run did to the projection's data, as values: the live generation (untouched, replaced, or
 * unknown when the connection broke during a commit) and the shadow (none, kept, dropped, or a drop
 * that failed). Lower layers never say it in their messages; the sentence operators read is made
 * from these values when the run ends.
 *
 * @param generation the generation live after the run, when {@code live} is {@code SWAPPED}
 * @param shadowSchema the shadow's name, when {@code shadow} is not {@code NONE}
 * @param dropFailure why the shadow could not be dropped, when {@code shadow} is {@code DROP_FAILED}
 */
public record DataEffect(Live live, Long generation, Shadow shadow, String shadowSchema, String dropFailure) {

    public enum Live {
        UNTOUCHED, SWAPPED, UNKNOWN;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Shadow {
        NONE, KEPT, DROPPED, DROP_FAILED;

        String json() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public DataEffect {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(shadow, "shadow");
        if (live == Live.SWAPPED && generation == null) {
            throw new IllegalArgumentException("a swapped live projection names its generation");
        }
        if (shadow != Shadow.NONE && shadowSchema == null) {
            throw new IllegalArgumentException("a kept or dropped shadow is named");
        }
    }

    public static DataEffect untouched() {
        return new DataEffect(Live.UNTOUCHED, null, Shadow.NONE, null, null);
    }

    public static DataEffect swapped(long generation) {
        return new DataEffect(Live.SWAPPED, generation, Shadow.NONE, null, null);
    }

    DataEffect shadowKept(String schema) {
        return new DataEffect(live, generation, Shadow.KEPT, schema, null);
    }

    DataEffect shadowDropped(String schema) {
        return new DataEffect(live, generation, Shadow.DROPPED, schema, null);
    }

    DataEffect shadowDropFailed(String schema, String why) {
        return new DataEffect(live, generation, Shadow.DROP_FAILED, schema, why);
    }

    DataEffect liveUnknown() {
        return new DataEffect(Live.UNKNOWN, null, shadow, shadowSchema, dropFailure);
    }

    /** The closing sentence of a run that did not succeed: what became of live and of the shadow. */
    public String afterFailure() {
        String live = switch (this.live) {
            case UNTOUCHED -> "Live projection untouched";
            case SWAPPED -> "Generation " + generation + " is live";
            case UNKNOWN -> "Whether the live projection changed is unknown (the connection broke during the "
                    + "commit): look at the schemas (kfm-projection status) before running it again";
        };
        return live + switch (shadow) {
            case NONE -> ".";
            case KEPT -> "; shadow kept as " + shadowSchema + " for inspection (the next rebuild drops it).";
            case DROPPED -> "; shadow " + shadowSchema + " dropped (--no-keep-shadow).";
            case DROP_FAILED -> "; shadow " + shadowSchema + " could not be dropped: " + dropFailure;
        };
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode().put("live", live.json());
        if (generation != null) {
            n.put("generation", generation);
        }
        n.put("shadow", shadow.json());
        if (shadowSchema != null) {
            n.put("shadowSchema", shadowSchema);
        }
        if (dropFailure != null) {
            n.put("dropFailure", dropFailure);
        }
        return n;
    }
}
