package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.kfm.projection.catalog.Catalog;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.db.PgIdentifier;
import org.kfm.projection.load.LiveCarrier;
import org.kfm.projection.load.LoadResult;
import org.kfm.projection.load.ProjectionLoader;
import org.kfm.projection.ops.OpsStore;

/**
 * Step LOADING of a rebuild as its plan says: the versions to carry are copied from live inside the
 * database (docs/incremental.md), then the others are loaded from their artifacts. Both are
 * recorded in the run; their progress goes to its observer and its row.
 */
final class ShadowLoad {
    private final LiveCarrier carrier;
    private final ProjectionLoader loader;
    private final OpsStore ops;
    private final ObjectMapper json;
    private final Clock clock;
    private final PgIdentifier live;
    private final PgIdentifier shadow;

    ShadowLoad(RebuildServices s) {
        this.carrier = new LiveCarrier(s.dataSource(), s.rebuild().parallelism(), s.clock());
        this.loader = s.loader();
        this.ops = s.ops();
        this.json = s.json();
        this.clock = s.clock();
        this.live = s.settings().projection();
        this.shadow = s.settings().shadow();
    }

    /** What the step will do, for its transition message. */
    String describe(Catalog catalog, RebuildPlan plan, int copyStreams) {
        int carried = plan.carriable().size();
        return carried == 0 ? "loading " + catalog.items().size() + " dataset version(s) with " + copyStreams
                + " COPY stream(s)" : "carrying " + carried + " unchanged dataset version(s) from " + live
                + ", loading " + (catalog.items().size() - carried) + " (" + plan.bytesLine() + ")";
    }

    LoadResult run(RunState run, Catalog catalog, RebuildPlan plan) {
        Set<String> carried = plan.carriable().stream().map(RebuildPlan.Version::datasetVersionId)
                .collect(Collectors.toSet());
        if (!carried.isEmpty()) {
            List<CatalogItem> items = catalog.items().stream().filter(i -> carried.contains(i.datasetVersionId()))
                    .toList();
            run.carry(carrier.carry(live, shadow, items, new CarryProgress(run, ops, json)));
        }
        Catalog toLoad = new Catalog(catalog.root(), catalog.items().stream()
                .filter(i -> !carried.contains(i.datasetVersionId())).toList(), catalog.digest());
        LoadResult load = loader.load(shadow, toLoad, new LoadProgressBridge(run, ops, json, clock));
        run.load(load);
        return load;
    }
}
