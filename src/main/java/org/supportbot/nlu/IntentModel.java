package org.supportbot.nlu;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A trained intent classifier: one linear SVM per intent (one-vs-rest) over the {@link TfIdf}
 * vector of a message. The confidence of intent {@code i} is the softmax of the SVMs' decision
 * values times a scale, {@code exp(scale · s_i) / Σ_j exp(scale · s_j)}; the scale only makes the
 * confidences sound as sure as the model is right (it is fitted on held-out data by
 * {@link ModelTrainer}), it never changes the ranking.
 *
 * <p>Immutable and thread-safe.
 */
final class IntentModel {

    /** Marks the format written by {@link #write}. */
    private static final int MAGIC = 0x53424933; // "SBI3"

    /** Most tokens a message is classified on; longer messages are {@linkplain #clip clipped}. */
    static final int MAX_TOKENS = 120;
    private static final int HEAD_TOKENS = 40;

    private final TfIdf vocabulary;
    private final String[] names;
    /** {@code weights[feature * names.length + intent]}: feature-major, so a message reads whole rows. */
    private final float[] weights;
    private final float[] bias;
    private final double scale;
    private final Set<String> intents;

    /**
     * @throws IllegalArgumentException when the arrays do not fit together, there are fewer than
     *         two intents, or the scale is not positive
     */
    IntentModel(TfIdf vocabulary, String[] names, float[] weights, float[] bias, double scale) {
        if (names.length < 2 || bias.length != names.length || weights.length != (long) vocabulary.size() * names.length) {
            throw new IllegalArgumentException("a model needs at least two intents and weights for each; got "
                    + names.length + " intents, " + bias.length + " biases and " + weights.length + " weights over "
                    + vocabulary.size() + " features");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive but was " + scale);
        }
        this.vocabulary = vocabulary;
        this.names = names.clone();
        this.weights = weights;
        this.bias = bias;
        this.scale = scale;
        this.intents = Set.of(names);
    }

    /** The same SVMs with confidences at another scale (for calibration and tests). */
    IntentModel withScale(double scale) {
        return new IntentModel(vocabulary, names, weights, bias, scale);
    }

    double scale() {
        return scale;
    }

    Set<String> intents() {
        return intents;
    }

    /**
     * Intents by falling confidence, every intent once, confidences summing to one; empty for a
     * message without tokens. A message with tokens but no feature the model knows gets the same
     * confidence for every intent.
     */
    List<IntentScore> rank(String[] tokens) {
        if (tokens.length == 0) {
            return List.of();
        }
        var vector = vocabulary.vector(clip(tokens));
        if (vector.isEmpty()) {
            var ranking = new ArrayList<IntentScore>(names.length);
            for (var name : names) {
                ranking.add(new IntentScore(name, 1.0 / names.length));
            }
            return ranking;
        }
        double[] scores = scores(vector);
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.exp(scale * (scores[i] - max));
            sum += scores[i];
        }
        var ranking = new ArrayList<IntentScore>(names.length);
        for (int i = 0; i < scores.length; i++) {
            ranking.add(new IntentScore(names[i], Math.min(1, scores[i] / sum)));
        }
        ranking.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return ranking;
    }

    /** The decision value of each intent's SVM, in the order of the intent names the model was built with. */
    double[] scores(SparseVector vector) {
        int k = names.length;
        var scores = new double[k];
        for (int c = 0; c < k; c++) {
            scores[c] = bias[c];
        }
        var indices = vector.indices();
        var values = vector.values();
        for (int j = 0; j < indices.length; j++) {
            int row = indices[j] * k;
            float v = values[j];
            for (int c = 0; c < k; c++) {
                scores[c] += v * weights[row + c];
            }
        }
        return scores;
    }

    /**
     * The share of {@code tokens} whose stem the model has seen as a word, 0..1 (0 without tokens):
     * how much of a message is in a language the model knows.
     */
    double knownWordShare(String[] tokens) {
        if (tokens.length == 0) {
            return 0;
        }
        int known = 0;
        for (var token : tokens) {
            if (vocabulary.knows(TextFeatures.WORD + Stems.stem(token))) {
                known++;
            }
        }
        return (double) known / tokens.length;
    }

    /**
     * Keeps the start and, mostly, the end of a long message: customers tell their story first
     * and ask their question last.
     */
    static String[] clip(String[] tokens) {
        if (tokens.length <= MAX_TOKENS) {
            return tokens;
        }
        var clipped = new String[MAX_TOKENS];
        System.arraycopy(tokens, 0, clipped, 0, HEAD_TOKENS);
        System.arraycopy(tokens, tokens.length - (MAX_TOKENS - HEAD_TOKENS), clipped, HEAD_TOKENS, MAX_TOKENS - HEAD_TOKENS);
        return clipped;
    }

    /**
     * Reads a model {@link #write} wrote.
     *
     * @throws IOException when the stream holds something else (e.g. a model of an older version) or ends early
     */
    static IntentModel read(InputStream in) throws IOException {
        var data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new IOException("not an intent model of this version");
        }
        double scale = data.readDouble();
        int k = data.readInt();
        if (k < 2 || k > 1_000_000) {
            throw new IOException("implausible number of intents " + k);
        }
        var names = new String[k];
        var bias = new float[k];
        for (int c = 0; c < k; c++) {
            names[c] = data.readUTF();
            bias[c] = data.readFloat();
        }
        var vocabulary = TfIdf.read(data);
        var weights = new float[Math.multiplyExact(vocabulary.size(), k)];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = data.readFloat();
        }
        return new IntentModel(vocabulary, names, weights, bias, scale);
    }

    /** Writes the model in a binary format that {@link #read} reads back; the stream is flushed, not closed. */
    void write(OutputStream out) throws IOException {
        var data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.writeInt(MAGIC);
        data.writeDouble(scale);
        data.writeInt(names.length);
        for (int c = 0; c < names.length; c++) {
            data.writeUTF(names[c]);
            data.writeFloat(bias[c]);
        }
        vocabulary.write(data);
        for (float w : weights) {
            data.writeFloat(w);
        }
        data.flush();
    }

    @Override
    public String toString() {
        return "IntentModel" + Arrays.toString(names) + " over " + vocabulary.size() + " features, scale " + scale;
    }
}
