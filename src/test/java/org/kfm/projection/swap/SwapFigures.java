package org.kfm.projection.swap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of measured swap durations, printed as FIGURE lines for docs/swap.md. */
final class SwapFigures {
    private final String label;
    private final List<Long> transaction = new ArrayList<>();
    private final List<Long> renameToCommit = new ArrayList<>();

    SwapFigures(String label) {
        this.label = label;
    }

    void add(SwapResult r) {
        transaction.add(r.transactionTime().toNanos());
        renameToCommit.add(r.renameToCommit().toNanos());
    }

    static double percentileMillis(List<Long> nanos, double p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
    }

    String line() {
        return String.format(java.util.Locale.ROOT, "FIGURE %s: %d swaps, transaction p50 %.2f ms p95 %.2f ms"
                + " max %.2f ms; rename-to-commit p50 %.2f ms p95 %.2f ms", label, transaction.size(),
                percentileMillis(transaction, 50), percentileMillis(transaction, 95),
                percentileMillis(transaction, 100), percentileMillis(renameToCommit, 50),
                percentileMillis(renameToCommit, 95));
    }
}
