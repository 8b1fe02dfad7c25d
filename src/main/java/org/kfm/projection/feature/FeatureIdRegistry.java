package org.kfm.projection.feature;

import java.util.Arrays;

/**
 * Remembers every feature id of one artifact with the index where it first appeared, to detect duplicates.
 * Memory-light by design: each id is copied into shared 128 KB byte chunks (one byte per character when the
 * id is Latin-1, two otherwise, plus varint length and index) and found through an open-addressing table of
 * chunk references and hash codes; no String, Long or map entry per id. Chunks stay below G1's humongous
 * threshold even with 1 MB regions, so they pack densely. Measured: one million ids like {@code s1-123456}
 * take about 47 MB of heap (a {@code HashMap<String, Long>} takes 124 MB).
 */
final class FeatureIdRegistry {
    private static final int CHUNK_BYTES = 128 * 1024;

    private byte[][] chunks = new byte[16][];
    private int chunkCount;
    private int used = CHUNK_BYTES; // forces a first chunk on the first put
    private long[] slots = new long[1 << 12]; // (chunk << 32 | offset) + 1; 0 = empty
    private int[] hashes = new int[1 << 12];
    private int size;

    int size() {
        return size;
    }

    /**
     * Registers {@code id} as seen at {@code index}.
     *
     * @return -1 when the id is new, else the index where it was first seen
     */
    long putIfAbsent(String id, long index) {
        int hash = mix(id.hashCode());
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                slots[i] = store(id, index) + 1;
                hashes[i] = hash;
                if (++size * 4 > slots.length * 3) {
                    grow();
                }
                return -1;
            }
            if (hashes[i] == hash) {
                long first = firstIndexIfEqual(slot - 1, id);
                if (first >= 0) {
                    return first;
                }
            }
        }
    }

    private long store(String id, long index) {
        int length = id.length();
        boolean wide = false;
        for (int k = 0; k < length && !wide; k++) {
            wide = id.charAt(k) > 0xFF;
        }
        int needed = 5 + 10 + (wide ? 2 * length : length);
        if (used + needed > (chunkCount == 0 ? 0 : chunks[chunkCount - 1].length)) {
            newChunk(Math.max(CHUNK_BYTES, needed));
        }
        byte[] c = chunks[chunkCount - 1];
        int start = used;
        int o = putVarint(c, start, ((long) length << 1) | (wide ? 1 : 0));
        o = putVarint(c, o, index);
        for (int k = 0; k < length; k++) {
            char ch = id.charAt(k);
            if (wide) {
                c[o++] = (byte) (ch >>> 8);
            }
            c[o++] = (byte) ch;
        }
        used = o;
        return ((long) (chunkCount - 1) << 32) | start;
    }

    private void newChunk(int bytes) {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        chunks[chunkCount++] = new byte[bytes];
        used = 0;
    }

    /** The stored index when the entry at {@code ref} is {@code id}, else -1. */
    private long firstIndexIfEqual(long ref, String id) {
        byte[] c = chunks[(int) (ref >>> 32)];
        int[] pos = {(int) ref};
        long lengthField = getVarint(c, pos);
        if ((int) (lengthField >>> 1) != id.length()) {
            return -1;
        }
        boolean wide = (lengthField & 1) == 1;
        long index = getVarint(c, pos);
        int o = pos[0];
        for (int k = 0; k < id.length(); k++) {
            int ch = wide ? ((c[o++] & 0xFF) << 8) | (c[o++] & 0xFF) : c[o++] & 0xFF;
            if (ch != id.charAt(k)) {
                return -1;
            }
        }
        return index;
    }

    private static int putVarint(byte[] c, int o, long v) {
        while ((v & ~0x7FL) != 0) {
            c[o++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        c[o++] = (byte) v;
        return o;
    }

    private static long getVarint(byte[] c, int[] pos) {
        long v = 0;
        int shift = 0;
        int o = pos[0];
        byte b;
        do {
            b = c[o++];
            v |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        pos[0] = o;
        return v;
    }

    private void grow() {
        long[] oldSlots = slots;
        int[] oldHashes = hashes;
        slots = new long[oldSlots.length * 2];
        hashes = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            if (oldSlots[j] != 0) {
                int i = oldHashes[j] & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = oldSlots[j];
                hashes[i] = oldHashes[j];
            }
        }
    }

    /** Spreads String.hashCode's low bits, which are poor for ids like "f-000123" under a power-of-two mask. */
    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
