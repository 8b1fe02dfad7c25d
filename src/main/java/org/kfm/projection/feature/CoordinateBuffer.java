package org.kfm.projection.feature;

import java.util.Arrays;

/**
 * The positions of one feature's geometry, parsed before the geometry's dimension is known. Stored flat as
 * x, y, z triples (z = NaN where the position had only two values) and reused from feature to feature, so
 * parsing allocates no per-position objects.
 */
final class CoordinateBuffer {
    private double[] xyz = new double[3 * 256];
    private int size;
    private boolean anyZ;

    void reset() {
        size = 0;
        anyZ = false;
    }

    int size() {
        return size;
    }

    /** True when at least one position had a Z value: the whole geometry is then 3D. */
    boolean anyZ() {
        return anyZ;
    }

    void add(double x, double y, double z) {
        if (3 * size + 3 > xyz.length) {
            xyz = Arrays.copyOf(xyz, xyz.length * 2);
        }
        int o = 3 * size++;
        xyz[o] = x;
        xyz[o + 1] = y;
        xyz[o + 2] = z;
        anyZ |= !Double.isNaN(z);
    }

    /** Appends a copy of position {@code i} (Z absent stays absent): what closing a ring appends. */
    void repeat(int i) {
        add(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    }

    double x(int i) {
        return xyz[3 * i];
    }

    double y(int i) {
        return xyz[3 * i + 1];
    }

    /** Z of position {@code i}, 0 where the position had none (the promotion rule for mixed dimensions). */
    double zOrZero(int i) {
        double z = xyz[3 * i + 2];
        return Double.isNaN(z) ? 0 : z;
    }

    /** Positions [from, to) packed with stride 2 (x, y) or 3 (x, y, z). */
    double[] pack(int from, int to, int dimension) {
        double[] out = new double[(to - from) * dimension];
        int o = 0;
        for (int i = from; i < to; i++) {
            out[o++] = xyz[3 * i];
            out[o++] = xyz[3 * i + 1];
            if (dimension == 3) {
                out[o++] = zOrZero(i);
            }
        }
        return out;
    }
}
