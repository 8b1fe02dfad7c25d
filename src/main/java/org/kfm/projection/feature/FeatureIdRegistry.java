package org.kfm.projection.feature;

import java.util.Arrays;

/**
 * Remembers every feature id of one artifact with the index where it first appeared, to detect duplicates.
 * Memory-light by design: ids are copied into large shared {@code char[]} chunks (no String, Long or map
 * entry per id) and found through an open-addressing table of chunk offsets and hash codes. One million
 * ids of about ten characters take roughly 50 MB, a third of what a {@code HashMap<String, Long>} needs.
 */
final class FeatureIdRegistry {
    private static final int CHUNK_CHARS = 1 << 20;
    private static final int HEADER_CHARS = 5; // 4 chars of first index + 1 char of length (or 2, see put)

    private char[][] chunks = new char[4][];
    private int chunkCount;
    private int used = CHUNK_CHARS; // forces a first chunk on the first put
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
            if (hashes[i] == hash && equalsAt(slot - 1, id)) {
                return indexAt(slot - 1);
            }
        }
    }

    private long store(String id, long index) {
        int length = id.length();
        int needed = HEADER_CHARS + 1 + length;
        if (used + needed > currentCapacity()) {
            newChunk(Math.max(CHUNK_CHARS, needed));
        }
        char[] c = chunks[chunkCount - 1];
        int o = used;
        c[o] = (char) (index >>> 48);
        c[o + 1] = (char) (index >>> 32);
        c[o + 2] = (char) (index >>> 16);
        c[o + 3] = (char) index;
        c[o + 4] = (char) (length >>> 16);
        c[o + 5] = (char) length;
        id.getChars(0, length, c, o + 6);
        used = o + needed;
        return ((long) (chunkCount - 1) << 32) | o;
    }

    private int currentCapacity() {
        return chunkCount == 0 ? 0 : chunks[chunkCount - 1].length;
    }

    private void newChunk(int chars) {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        chunks[chunkCount++] = new char[chars];
        used = 0;
    }

    private boolean equalsAt(long ref, String id) {
        char[] c = chunks[(int) (ref >>> 32)];
        int o = (int) ref;
        int length = (c[o + 4] << 16) | c[o + 5];
        if (length != id.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (c[o + 6 + k] != id.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private long indexAt(long ref) {
        char[] c = chunks[(int) (ref >>> 32)];
        int o = (int) ref;
        return ((long) c[o] << 48) | ((long) c[o + 1] << 32) | ((long) c[o + 2] << 16) | c[o + 3];
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
