package org.kfm.projection.run;

/**
 * What a caller sees of a running rebuild: phase changes and progress, and the cooperative
 * cancel flag the orchestrator checks in every per-artifact and per-batch loop.
 */
public interface RunObserver {
    RunObserver NONE = new RunObserver() {
    };

    /** The run's id, as soon as the run is recorded (before the lock is taken, so also for a refusal). */
    default void started(java.util.UUID runId) {
    }

    default void phase(Phase phase, String message) {
    }

    /**
     * @param done units done so far
     * @param total units expected, or -1 when unknown
     * @param unit what is counted ("features", "bytes", "indexes")
     */
    default void progress(Phase phase, long done, long total, String unit, double ratePerSecond) {
    }

    default boolean cancelRequested() {
        return false;
    }

    /**
     * Who or what asked the run to stop; asked only once {@link #cancelRequested()} is true. The
     * default says "on request", by nobody named.
     */
    default Cancellation cancellation() {
        return Cancellation.request(null);
    }
}
