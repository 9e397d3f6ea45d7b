package org.supportbot.nlu.doccat;

/**
 * A sparse feature vector: feature indices in ascending order with their values.
 *
 * @param indices feature indices, ascending, no repeats
 * @param values the value of each index, same length
 */
record SparseVector(int[] indices, float[] values) {

    static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

    SparseVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values must have the same length but had "
                    + indices.length + " and " + values.length);
        }
    }

    boolean isEmpty() {
        return indices.length == 0;
    }
}
