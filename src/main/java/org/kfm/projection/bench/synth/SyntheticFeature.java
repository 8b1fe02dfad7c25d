package org.kfm.projection.bench.synth;

import org.locationtech.jts.geom.Geometry;

/** One generated feature: an id, a WGS 84 geometry and five properties. */
record SyntheticFeature(String id, Geometry geometry, String name, String category, double value, int rank,
        boolean active) {
}
