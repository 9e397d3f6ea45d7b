package org.supportbot.nlu;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * A trained ensemble of two OpenNLP document categorizers over the same features: a maxent
 * model, whose probabilities are the confidences, and an averaged perceptron, whose scores
 * re-rank them. The combined confidence of intent {@code i} is proportional to
 * {@code (p_maxent(i) · p_perceptron(i)^weight)^(1/temperature)}, normalised over the intents:
 * the weight moves the ranking, the temperature only how sure the confidences sound. (OpenNLP's
 * perceptron "probabilities" are its scores divided by the largest one and exponentiated, so
 * the power adds a scaled perceptron score to the maxent's log-odds.)
 *
 * <p>Thread-safe: the feature generators keep no state and both models allocate per evaluation.
 */
final class IntentModel {

    static {
        // OpenNLP instantiates feature generators by class name only from allowed packages.
        ExtensionLoader.registerAllowedPackage("org.supportbot.nlu.features");
    }

    /** Marks the two-model format written by {@link #write}. */
    private static final int MAGIC = 0x53424932; // "SBI2"

    private final DoccatModel maxent;
    private final DoccatModel perceptron;
    private final double perceptronWeight;
    private final double temperature;
    private final MaxentModel maxentModel;
    private final MaxentModel perceptronModel;
    private final FeatureGenerator[] generators;
    private final String[] names;
    /** {@code perceptronIndex[i]}: the perceptron's outcome index of the maxent's outcome {@code i}. */
    private final int[] perceptronIndex;
    private final Set<String> intents;

    /**
     * @throws IllegalArgumentException when the two models do not know the same intents
     */
    IntentModel(DoccatModel maxent, DoccatModel perceptron, double perceptronWeight, double temperature) {
        if (!(perceptronWeight >= 0) || !(temperature > 0)) {
            throw new IllegalArgumentException("perceptronWeight must be at least 0 and temperature above 0 but were "
                    + perceptronWeight + " and " + temperature);
        }
        this.maxent = maxent;
        this.perceptron = perceptron;
        this.perceptronWeight = perceptronWeight;
        this.temperature = temperature;
        this.maxentModel = maxent.getMaxentModel();
        this.perceptronModel = perceptron.getMaxentModel();
        this.generators = maxent.getFactory().getFeatureGenerators();
        int n = maxentModel.getNumOutcomes();
        if (perceptronModel.getNumOutcomes() != n) {
            throw new IllegalArgumentException("the maxent model knows " + n + " intents but the perceptron "
                    + perceptronModel.getNumOutcomes());
        }
        this.names = new String[n];
        this.perceptronIndex = new int[n];
        var sorted = new TreeSet<String>();
        for (int i = 0; i < n; i++) {
            names[i] = maxentModel.getOutcome(i);
            perceptronIndex[i] = perceptronModel.getIndex(names[i]);
            if (perceptronIndex[i] < 0) {
                throw new IllegalArgumentException("the perceptron does not know the intent " + names[i]);
            }
            sorted.add(names[i]);
        }
        this.intents = Set.copyOf(sorted);
    }

    /** The same two trained models combined with another weight and temperature, for tuning. */
    IntentModel withEnsemble(double perceptronWeight, double temperature) {
        return new IntentModel(maxent, perceptron, perceptronWeight, temperature);
    }

    static void registerFeatures() {
        // Loading the class runs the static initialiser above.
    }

    static IntentModel read(InputStream in) throws IOException {
        var data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new IOException("not an intent model of this version");
        }
        double weight = data.readDouble();
        double temperature = data.readDouble();
        var maxent = new DoccatModel(new ByteArrayInputStream(data.readNBytes(data.readInt())));
        var perceptron = new DoccatModel(new ByteArrayInputStream(data.readNBytes(data.readInt())));
        return new IntentModel(maxent, perceptron, weight, temperature);
    }

    void write(OutputStream out) throws IOException {
        var data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeDouble(perceptronWeight);
        data.writeDouble(temperature);
        for (var model : List.of(maxent, perceptron)) {
            var bytes = new ByteArrayOutputStream();
            model.serialize(bytes);
            data.writeInt(bytes.size());
            bytes.writeTo(data);
        }
        data.flush();
    }

    Set<String> intents() {
        return intents;
    }

    /** Most tokens a message is classified on: the maxent sums overflow on pages of text. */
    static final int MAX_TOKENS = 120;
    private static final int HEAD_TOKENS = 40;

    /** Intents by falling confidence; empty for a message without tokens. */
    List<IntentScore> rank(String[] tokens) {
        if (tokens.length == 0) {
            return List.of();
        }
        var context = context(clip(tokens));
        double[] p = maxentModel.eval(context);
        double[] q = perceptronModel.eval(context);
        var log = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
            log[i] = (Math.log(p[i]) + perceptronWeight * Math.log(q[perceptronIndex[i]])) / temperature;
            if (Double.isNaN(log[i])) {
                return List.of();
            }
            max = Math.max(max, log[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return List.of();
        }
        double sum = 0;
        for (int i = 0; i < log.length; i++) {
            log[i] = Math.exp(log[i] - max);
            sum += log[i];
        }
        var ranking = new ArrayList<IntentScore>(p.length);
        for (int i = 0; i < log.length; i++) {
            ranking.add(new IntentScore(names[i], Math.min(1, Math.max(0, log[i] / sum))));
        }
        ranking.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return ranking;
    }

    private String[] context(String[] tokens) {
        var features = new ArrayList<String>(tokens.length * 16);
        for (var generator : generators) {
            features.addAll(generator.extractFeatures(tokens, Map.of()));
        }
        return features.toArray(String[]::new);
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
}
