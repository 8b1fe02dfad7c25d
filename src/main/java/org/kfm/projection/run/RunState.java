package org.kfm.projection.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;
import org.kfm.projection.load.DatasetLoad;
import org.kfm.projection.load.CarryResult;
import org.kfm.projection.load.LoadResult;
import org.kfm.projection.load.ShadowIndexes;
import org.kfm.projection.migrate.AppliedMigration;
import org.kfm.projection.migrate.MigrationResult;
import org.kfm.projection.swap.GrantReport;
import org.kfm.projection.swap.SwapResult;
import org.kfm.projection.validate.ClosedRing;
import org.kfm.projection.validate.Expectation;
import org.kfm.projection.validate.ParityReport;

/**
 * What one rebuild has learned so far, step by step; the receipt is made from it whatever the
 * outcome. Confined to the thread running the rebuild.
 */
final class RunState {
    private final Recording recording;
    private final RebuildRequest request;
    private final RunObserver observer;
    private final PhaseTimer timer;
    private final ObjectMapper json;
    private Catalog catalog;
    private MigrationResult migration;
    private List<AppliedMigration> history = List.of();
    private LoadResult load;
    private CarryResult carry;
    private ShadowIndexes.Recreated indexes;
    private GrantReport grants;
    private ParityReport parity;
    private SwapResult swap;
    private String announcement;
    private List<String> webhookTargets = List.of();
    private boolean shadowCreated;
    private ObjectNode shadowBudget;
    private RebuildPlan plan;

    RunState(Recording recording, RebuildRequest request, RunObserver observer, PhaseTimer timer, ObjectMapper json) {
        this.recording = recording;
        this.request = request;
        this.observer = observer;
        this.timer = timer;
        this.json = json;
    }

    UUID id() {
        return recording.id();
    }

    Recording recording() {
        return recording;
    }

    RebuildRequest request() {
        return request;
    }

    RunObserver observer() {
        return observer;
    }

    PhaseTimer timer() {
        return timer;
    }

    Catalog catalog() {
        return catalog;
    }

    void catalog(Catalog c) {
        this.catalog = c;
    }

    MigrationResult migration() {
        return migration;
    }

    void migration(MigrationResult m, List<AppliedMigration> schemaHistory) {
        this.migration = m;
        this.history = List.copyOf(schemaHistory);
    }

    void load(LoadResult l) {
        this.load = l;
    }

    /** Rows carried from live; 0 when nothing was. */
    long carriedRows() {
        return carry == null ? 0 : carry.rows();
    }

    /** The versions carried from live (an incremental rebuild), recorded beside the load. */
    void carry(CarryResult c) {
        this.carry = c;
    }

    void indexes(ShadowIndexes.Recreated r) {
        this.indexes = r;
    }

    void grants(GrantReport g) {
        this.grants = g;
    }

    void parity(ParityReport p) {
        this.parity = p;
    }

    void swap(SwapResult s) {
        this.swap = s;
    }

    /** A committed swap's payload, for the swap listener once the run has ended; the targets it will reach. */
    void announcement(String payload, List<String> targets) {
        this.announcement = payload;
        this.webhookTargets = List.copyOf(targets);
    }

    /** The committed swap's payload, null when nothing was swapped. */
    String announcement() {
        return announcement;
    }

    /** The disk preflight's estimate and verdict, recorded in the receipt; later steps add to it. */
    void shadowBudget(ObjectNode preflight) {
        this.shadowBudget = preflight;
    }

    ObjectNode shadowBudget() {
        return shadowBudget;
    }

    /** The plan the run works to (and a dry run reports), for its receipt. */
    void plan(RebuildPlan p) {
        this.plan = p;
    }

    boolean shadowCreated() {
        return shadowCreated;
    }

    void shadowCreated(boolean created) {
        this.shadowCreated = created;
    }

    /**
     * One expectation per catalog item, with what the loader read and digested, or, for a version
     * carried from live, the rows and digest live's swap recorded for it.
     */
    List<Expectation> expectations() {
        List<Expectation> loaded = expectations(catalog, load);
        if (carry == null || carry.versions().isEmpty() || plan == null) {
            return loaded;
        }
        String from = plan.live().map(l -> "live generation " + l.generation() + " (" + carry.from() + ")")
                .orElse(carry.from());
        Map<String, RebuildPlan.Version> carried = new HashMap<>();
        plan.carriable().forEach(v -> carried.put(v.datasetVersionId(), v));
        return loaded.stream().map(e -> {
            RebuildPlan.Version v = carried.get(e.datasetVersionId());
            return v == null ? e : new Expectation(e.datasetVersionId(), e.declaredCount(), OptionalLong.empty(),
                    Optional.empty(), e.minX(), e.minY(), e.maxX(), e.maxY(), 0, List.of(), Optional.of(
                            new Expectation.Carried(from, v.liveRecordedRows(), v.liveRecordedDigest())));
        }).toList();
    }

    /** One expectation per catalog item, with what the loader read and digested ({@code load} null: nothing). */
    static List<Expectation> expectations(Catalog catalog, LoadResult load) {
        List<Expectation> out = new ArrayList<>();
        for (CatalogItem item : catalog.items()) {
            Optional<DatasetLoad> loaded = load == null ? Optional.empty() : load.dataset(item.datasetVersionId());
            out.add(new Expectation(item.datasetVersionId(), item.declaredFeatureCount(),
                    loaded.map(d -> OptionalLong.of(d.featuresRead())).orElse(OptionalLong.empty()),
                    loaded.map(DatasetLoad::geometryDigest), item.bbox().minX(), item.bbox().minY(),
                    item.bbox().maxX(), item.bbox().maxY(), loaded.map(DatasetLoad::closedRingCount).orElse(0L),
                    loaded.map(d -> d.closedRings().stream().map(r -> new ClosedRing(r.featureId(), r.evidenceRef(),
                            r.rings())).toList()).orElse(List.of())));
        }
        return out;
    }

    JsonNode parityJson() {
        return parity == null ? null : parityJson(json, parity);
    }

    static JsonNode parityJson(ObjectMapper json, ParityReport parity) {
        try {
            return json.readTree(parity.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rebuild's own part of its receipt: phases, inputs, outputs, parity, swap, webhooks. */
    ObjectNode body() {
        ObjectNode r = json.createObjectNode();
        r.set("phases", timer.toJson(json));
        if (catalog != null) {
            r.set("catalog", catalogJson());
        }
        if (shadowBudget != null) {
            r.set("shadowBudget", shadowBudget);
        }
        if (plan != null) {
            r.set("plan", PlanJson.of(json, plan));
        }
        if (migration != null) {
            ObjectNode m = r.putObject("migrations").put("schema", migration.schema())
                    .put("version", migration.toVersion());
            m.set("applied", json.valueToTree(history));
        }
        if (load != null) {
            r.set("load", json.valueToTree(load));
        }
        if (carry != null) {
            r.set("carry", json.valueToTree(carry));
        }
        if (indexes != null) {
            r.set("indexes", json.valueToTree(indexes));
        }
        if (grants != null) {
            r.set("grants", json.valueToTree(grants));
        }
        if (parity != null) {
            r.set("parity", parityJson());
        }
        if (swap != null) {
            r.set("swap", json.valueToTree(swap));
        }
        if (announcement != null && !webhookTargets.isEmpty()) {
            // labels only; the outcomes come after the run ended, in kfm_ops.webhook_delivery
            r.putObject("webhooks").set("targets", json.valueToTree(webhookTargets));
        }
        return r;
    }

    private ObjectNode catalogJson() {
        ObjectNode c = json.createObjectNode().put("uri", catalog.root().toString()).put("digest", catalog.digest());
        ArrayNode items = c.putArray("items");
        for (CatalogItem item : catalog.items()) {
            ObjectNode i = items.addObject().put("id", item.id()).put("datasetVersionId", item.datasetVersionId())
                    .put("declaredFeatureCount", item.declaredFeatureCount());
            ArrayNode assets = i.putArray("assets");
            for (DataAsset a : item.assets()) {
                assets.addObject().put("key", a.key()).put("href", a.href().toString())
                        .put("checksum", a.checksum()).put("size", a.size());
            }
        }
        return c;
    }
}
