package org.supportbot.nlu.doccat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The feature vocabulary of a training set and its inverse document frequencies. A message becomes
 * a vector of sublinear TF-IDF weights, {@code (1 + ln tf) · idf}, over the {@link Features}
 * the vocabulary knows; unknown features are ignored. The word features (stems, stem pairs) and
 * the character n-grams are each scaled to unit length, so that the many n-grams of a message do
 * not drown its few words, and the whole vector is then scaled to unit length again.
 *
 * <p>Immutable and thread-safe.
 */
public final class TfIdf {

    private final Map<String, Integer> index;
    private final String[] features;
    private final float[] idf;
    private final boolean[] isWord;

    private TfIdf(String[] features, float[] idf) {
        this.features = features;
        this.idf = idf;
        this.index = new HashMap<>(features.length * 2);
        this.isWord = new boolean[features.length];
        for (int i = 0; i < features.length; i++) {
            index.put(features[i], i);
            isWord[i] = !features[i].startsWith(Features.CHARACTERS);
        }
    }

    /**
     * The vocabulary of {@code documents}: every feature found in at least {@code minCount} of them,
     * with the smoothed idf {@code ln((1 + n) / (1 + df)) + 1}.
     *
     * @param documents the distinct features of each training document
     */
    static TfIdf fit(List<String[]> documents, int minCount) {
        var frequency = new HashMap<String, int[]>();
        for (var document : documents) {
            for (var feature : document) {
                frequency.computeIfAbsent(feature, f -> new int[1])[0]++;
            }
        }
        var kept = new ArrayList<String>();
        frequency.forEach((feature, count) -> {
            if (count[0] >= minCount) {
                kept.add(feature);
            }
        });
        kept.sort(null); // the same vocabulary order for the same data, run after run
        var features = kept.toArray(String[]::new);
        var idf = new float[features.length];
        int n = documents.size();
        for (int i = 0; i < features.length; i++) {
            idf[i] = (float) idf(n, frequency.get(features[i])[0]);
        }
        return new TfIdf(features, idf);
    }

    /** The smoothed inverse document frequency of a feature found in {@code df} of {@code n} documents. */
    public static double idf(int n, int df) {
        return Math.log((1.0 + n) / (1.0 + df)) + 1;
    }

    /** The distinct features of a message, for {@link #fit}. */
    static String[] distinct(String[] features) {
        return new HashSet<>(Arrays.asList(features)).toArray(String[]::new);
    }

    int size() {
        return features.length;
    }

    /** Every feature in the vocabulary, in its order. */
    java.util.stream.Stream<String> features() {
        return Arrays.stream(features);
    }

    /** Whether {@code feature} is in the vocabulary. */
    boolean knows(String feature) {
        return index.containsKey(feature);
    }

    /**
     * The unit-length TF-IDF vector of a message's features (repeats counted);
     * {@link SparseVector#EMPTY} when no feature is known.
     */
    SparseVector vector(String[] features) {
        var found = new int[features.length];
        int n = 0;
        for (var feature : features) {
            var i = index.get(feature);
            if (i != null) {
                found[n++] = i;
            }
        }
        if (n == 0) {
            return SparseVector.EMPTY;
        }
        Arrays.sort(found, 0, n);
        var indices = new int[n];
        var values = new float[n];
        int distinct = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && found[end] == found[start]) {
                end++;
            }
            int feature = found[start];
            double weight = (1 + Math.log(end - start)) * idf[feature];
            indices[distinct] = feature;
            values[distinct] = (float) weight;
            distinct++;
            start = end;
        }
        double wordNorm = 0;
        double charNorm = 0;
        for (int i = 0; i < distinct; i++) {
            if (isWord[indices[i]]) {
                wordNorm += values[i] * values[i];
            } else {
                charNorm += values[i] * values[i];
            }
        }
        double wordScale = wordNorm == 0 ? 0 : 1 / Math.sqrt(wordNorm);
        double charScale = charNorm == 0 ? 0 : 1 / Math.sqrt(charNorm);
        double total = 0;
        for (int i = 0; i < distinct; i++) {
            values[i] *= (float) (isWord[indices[i]] ? wordScale : charScale);
            total += values[i] * values[i];
        }
        float inverse = (float) (1 / Math.sqrt(total));
        for (int i = 0; i < distinct; i++) {
            values[i] *= inverse;
        }
        return new SparseVector(Arrays.copyOf(indices, distinct), Arrays.copyOf(values, distinct));
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(features.length);
        for (int i = 0; i < features.length; i++) {
            out.writeUTF(features[i]);
            out.writeFloat(idf[i]);
        }
    }

    static TfIdf read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative vocabulary size " + n);
        }
        var features = new String[n];
        var idf = new float[n];
        for (int i = 0; i < n; i++) {
            features[i] = in.readUTF();
            idf[i] = in.readFloat();
        }
        return new TfIdf(features, idf);
    }
}
