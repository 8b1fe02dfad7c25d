package org.kfm.projection.load;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.kfm.projection.catalog.CatalogItem;
import org.kfm.projection.catalog.DataAsset;

/**
 * How many COPY streams each dataset version gets. One each, unless the catalog has fewer versions than
 * {@link LoadSettings#parallelism()}: then the spare connections go, one at a time and largest version
 * first, to the versions with an artifact of {@link LoadSettings#splitMinBytes()} or more, so the total
 * stays at most {@code parallelism}. Never more than one while {@code feature_geom} has a unique index:
 * two streams of one version inserting the same key would each wait for the other's transaction.
 */
record StreamPlan(Map<String, Integer> extra) {
    static final StreamPlan ONE_EACH = new StreamPlan(Map.of());

    StreamPlan {
        extra = Map.copyOf(extra);
    }

    /** {@code uniqueIndex} is asked only when a split would happen. */
    static StreamPlan of(List<CatalogItem> items, LoadSettings settings, BooleanSupplier uniqueIndex) {
        int spare = settings.parallelism() - items.size();
        List<CatalogItem> splittable = items.stream()
                .filter(i -> i.assets().stream().anyMatch(a -> a.size() >= settings.splitMinBytes()))
                .sorted(Comparator.comparingLong(StreamPlan::bytes).reversed())
                .toList();
        if (spare <= 0 || splittable.isEmpty() || uniqueIndex.getAsBoolean()) {
            return ONE_EACH;
        }
        Map<String, Integer> extra = new HashMap<>();
        for (int n = 0; n < spare; n++) {
            extra.merge(splittable.get(n % splittable.size()).datasetVersionId(), 1, Integer::sum);
        }
        return new StreamPlan(extra);
    }

    /** COPY streams (connections) for {@code item}'s large artifacts. */
    int of(CatalogItem item) {
        return 1 + extra.getOrDefault(item.datasetVersionId(), 0);
    }

    /** Connections the load uses at most: one per version loaded at once, plus the spare streams. */
    int connections(int versionsAtOnce) {
        return versionsAtOnce + extra.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** For the log line: empty when nothing is split. */
    String describe() {
        return extra.isEmpty() ? "" : ", large artifacts split: " + new TreeMap<>(extra).entrySet().stream()
                .map(e -> e.getKey() + " over " + (1 + e.getValue()) + " streams").toList();
    }

    private static long bytes(CatalogItem item) {
        return item.assets().stream().mapToLong(DataAsset::size).sum();
    }
}
