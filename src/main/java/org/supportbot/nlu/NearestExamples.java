package org.supportbot.nlu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * TF-IDF cosine similarity of a message to every training example, kept as the best match per
 * intent. Thread-safe once built (read-only).
 */
final class NearestExamples {

    private final List<String> intents;
    private final Map<String, Integer> featureIds = new HashMap<>();
    private final float[] idf;
    /** Postings per feature: example ids, and the example's weight of that feature. */
    private final int[][] postingExamples;
    private final float[][] postingWeights;
    private final int[] intentOf;
    private final Function<String[], List<String>> features;

    NearestExamples(List<String[]> examples, List<String> labels, List<String> intents, Function<String[], List<String>> features) {
        this.intents = List.copyOf(intents);
        this.features = features;
        var intentIndex = new HashMap<String, Integer>();
        for (int i = 0; i < intents.size(); i++) {
            intentIndex.put(intents.get(i), i);
        }
        int n = examples.size();
        intentOf = new int[n];
        var docs = new ArrayList<Map<Integer, Integer>>(n);
        var df = new ArrayList<Integer>();
        for (int e = 0; e < n; e++) {
            intentOf[e] = intentIndex.get(labels.get(e));
            var counts = new HashMap<Integer, Integer>();
            for (var f : features.apply(examples.get(e))) {
                int id = featureIds.computeIfAbsent(f, k -> featureIds.size());
                if (id == df.size()) {
                    df.add(0);
                }
                if (counts.merge(id, 1, Integer::sum) == 1) {
                    df.set(id, df.get(id) + 1);
                }
            }
            docs.add(counts);
        }
        idf = new float[df.size()];
        for (int f = 0; f < idf.length; f++) {
            idf[f] = (float) Math.log((n + 1.0) / (df.get(f) + 1.0)) + 1;
        }
        var lengths = new int[idf.length];
        docs.forEach(d -> d.keySet().forEach(f -> lengths[f]++));
        postingExamples = new int[idf.length][];
        postingWeights = new float[idf.length][];
        for (int f = 0; f < idf.length; f++) {
            postingExamples[f] = new int[lengths[f]];
            postingWeights[f] = new float[lengths[f]];
        }
        var filled = new int[idf.length];
        for (int e = 0; e < n; e++) {
            var d = docs.get(e);
            double norm = 0;
            for (var entry : d.entrySet()) {
                double w = weight(entry.getValue(), idf[entry.getKey()]);
                norm += w * w;
            }
            norm = Math.sqrt(norm);
            for (var entry : d.entrySet()) {
                int f = entry.getKey();
                postingExamples[f][filled[f]] = e;
                postingWeights[f][filled[f]++] = (float) (weight(entry.getValue(), idf[f]) / norm);
            }
        }
    }

    private static double weight(int count, double idf) {
        return (1 + Math.log(count)) * idf;
    }

    List<String> intents() {
        return intents;
    }

    /** The best cosine similarity (0..1) of the tokens to an example of each intent, in {@link #intents()} order. */
    double[] similarities(String[] tokens) {
        var counts = new HashMap<Integer, Integer>();
        var unknown = new HashMap<String, Integer>();
        for (var f : features.apply(tokens)) {
            var id = featureIds.get(f);
            if (id != null) {
                counts.merge(id, 1, Integer::sum);
            } else {
                unknown.merge(f, 1, Integer::sum);
            }
        }
        var best = new double[intents.size()];
        if (counts.isEmpty()) {
            return best;
        }
        var dot = new float[intentOf.length];
        // Features never seen in training count in the norm with the highest idf: a message full
        // of unknown words is far from every example.
        double norm = 0;
        double unknownIdf = Math.log(intentOf.length + 1.0) + 1;
        for (int count : unknown.values()) {
            double w = weight(count, unknownIdf);
            norm += w * w;
        }
        for (var entry : counts.entrySet()) {
            double w = weight(entry.getValue(), idf[entry.getKey()]);
            norm += w * w;
        }
        norm = Math.sqrt(norm);
        for (var entry : counts.entrySet()) {
            int f = entry.getKey();
            float w = (float) (weight(entry.getValue(), idf[f]) / norm);
            var ex = postingExamples[f];
            var ws = postingWeights[f];
            for (int i = 0; i < ex.length; i++) {
                dot[ex[i]] += w * ws[i];
            }
        }
        for (int e = 0; e < dot.length; e++) {
            if (dot[e] > best[intentOf[e]]) {
                best[intentOf[e]] = dot[e];
            }
        }
        return best;
    }
}
