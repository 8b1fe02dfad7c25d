package org.kfm.projection.load;

/**
 * Watches a carry and may cancel it. Called from the carrier's worker threads: {@link #carried} never
 * concurrently with itself, {@link #cancelled} possibly so. Neither may block.
 */
public interface CarryListener {
    /** A listener that ignores progress and never cancels. */
    CarryListener NONE = new CarryListener() {
        @Override
        public void carried(CarryResult.CarriedVersion version, int done, int total, long rows) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /**
     * A version's transaction committed.
     *
     * @param done versions committed so far, this one included
     * @param rows rows committed so far
     */
    void carried(CarryResult.CarriedVersion version, int done, int total, long rows);

    /** Polled before each version; {@code true} stops the carry with {@link LoadCancelledException}. */
    boolean cancelled();
}
