package org.kfm.projection.load;

/**
 * Watches a load and may cancel it. Both methods are called from the loader's worker threads:
 * {@link #progress} never concurrently with itself, {@link #cancelled} possibly so (back it with a
 * volatile flag or an atomic). Neither may block.
 */
public interface LoadListener {
    /** A listener that ignores progress and never cancels. */
    LoadListener NONE = new LoadListener() {
        @Override
        public void progress(LoadProgress progress) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /**
     * Called at most once per {@link LoadSettings#progressInterval()} while rows flow, and once more at
     * the end of a successful load.
     */
    void progress(LoadProgress progress);

    /**
     * Polled before each asset and every {@link LoadSettings#blockRows()} rows in every per-asset loop;
     * answering {@code true} stops the load with {@link LoadCancelledException}.
     */
    boolean cancelled();
}
