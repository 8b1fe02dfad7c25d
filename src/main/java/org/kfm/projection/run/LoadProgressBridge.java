package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.kfm.projection.load.LoadListener;
import org.kfm.projection.load.LoadProgress;
import org.kfm.projection.ops.OpsStore;

/** Passes the loader's progress to the observer and to the run's row in the ops schema. */
final class LoadProgressBridge implements LoadListener {
    /** How often the run's row gets the loader's progress: what the console and GET /runs/{id} show. */
    private static final long OPS_INTERVAL_MS = 1_000;

    private final RunState run;
    private final OpsStore ops;
    private final ObjectMapper json;
    private final Clock clock;
    private long lastOpsWrite;

    LoadProgressBridge(RunState run, OpsStore ops, ObjectMapper json, Clock clock) {
        this.run = run;
        this.ops = ops;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void progress(LoadProgress p) {
        run.observer().progress(Phase.LOADING, p.bytes(), p.totalBytes(), "bytes", p.bytesPerSecond());
        long now = clock.millis();
        if (now - lastOpsWrite >= OPS_INTERVAL_MS || p.fraction() >= 1.0) {
            lastOpsWrite = now;
            ObjectNode n = json.createObjectNode().put("phase", Phase.LOADING.name()).put("rows", p.rows())
                    .put("bytes", p.bytes()).put("totalBytes", p.totalBytes())
                    .put("rowsPerSecond", Math.round(p.rowsPerSecond())).put("fraction", p.fraction())
                    .put("elapsedMs", p.elapsed().toMillis());
            p.eta().ifPresent(eta -> n.put("etaMs", eta.toMillis()));
            n.putArray("currentAssets").addAll(p.currentAssets().stream().map(n::textNode).toList());
            ops.progress(run.id(), n);
        }
    }

    @Override
    public boolean cancelled() {
        return run.observer().cancelRequested();
    }
}
