package org.kfm.projection.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The features of one dataset version whose rings the reader closed: all counted, the first
 * {@link #LISTED} listed by id. The cap keeps the loader's memory independent of the artifact's size
 * (a conversion that left every ring open would otherwise hold one entry per feature).
 * Thread-confined, like the dataset version's {@link GeometryDigest}.
 */
final class RingClosures {
    static final int LISTED = 1000;

    private final List<ClosedRing> listed = new ArrayList<>();
    private long count;

    void add(String featureId, String evidenceRef, int rings) {
        count++;
        if (listed.size() < LISTED) {
            listed.add(new ClosedRing(featureId, evidenceRef, rings));
        }
    }

    long count() {
        return count;
    }

    List<ClosedRing> listed() {
        return List.copyOf(listed);
    }
}
