package org.kfm.projection.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kfm.projection.load.CarryListener;
import org.kfm.projection.load.CarryResult;
import org.kfm.projection.ops.OpsStore;

/**
 * Passes a carry's progress to the observer (versions carried of all) and to the run's row in the
 * ops schema, as {@link LoadProgressBridge} does for the load; the carrier logs a line per version.
 */
final class CarryProgress implements CarryListener {
    private final RunState run;
    private final OpsStore ops;
    private final ObjectMapper json;

    CarryProgress(RunState run, OpsStore ops, ObjectMapper json) {
        this.run = run;
        this.ops = ops;
        this.json = json;
    }

    @Override
    public void carried(CarryResult.CarriedVersion v, int done, int total, long rows) {
        run.observer().progress(Phase.LOADING, done, total, "dataset versions carried from live", 0);
        ObjectNode n = json.createObjectNode().put("phase", Phase.LOADING.name()).put("step", "carry")
                .put("carriedVersions", done).put("versionsToCarry", total).put("rows", rows)
                .put("fraction", (double) done / total);
        ops.progress(run.id(), n);
    }

    @Override
    public boolean cancelled() {
        return run.observer().cancelRequested();
    }
}
