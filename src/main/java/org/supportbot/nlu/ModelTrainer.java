package org.supportbot.nlu;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Trains an {@link IntentModel}: a TF-IDF vocabulary of the examples' {@link TextFeatures}, one
 * L2-regularised L2-loss linear SVM per intent (liblinear's dual coordinate descent), and the
 * confidence scale that fits held-out examples best. Feature extraction and the per-intent SVMs
 * run in parallel on the common fork-join pool.
 */
final class ModelTrainer {

    /**
     * Changes whenever features or training change, so that cached models trained the old way
     * are not reused.
     */
    static final String VERSION = "svm2";

    /** The scale used when there are too few examples to hold some out for fitting it. */
    static final double DEFAULT_SCALE = 8;

    private static final int MIN_HELD_OUT = 20;
    private static final long SEED = 42;

    static {
        Linear.disableDebugOutput();
    }

    private final TrainingSettings settings;

    ModelTrainer(TrainingSettings settings) {
        this.settings = settings;
    }

    String settingsKey() {
        return settings.key();
    }

    /**
     * @throws IllegalArgumentException when there are fewer than two intents to tell apart
     */
    IntentModel train(List<LabelledText> examples) {
        var usable = examples.parallelStream()
                .map(e -> new Example(e.intent(), TextNormalizer.tokens(e.text())))
                .filter(e -> e.tokens().length > 0)
                .toList();
        var names = new TreeSet<String>();
        usable.forEach(e -> names.add(e.intent()));
        if (names.size() < 2) {
            throw new IllegalArgumentException("training needs examples of at least two intents, got " + names);
        }
        var nameArray = names.toArray(String[]::new);
        var classOf = new HashMap<String, Integer>();
        for (int i = 0; i < nameArray.length; i++) {
            classOf.put(nameArray[i], i);
        }
        var vocabulary = TfIdf.fit(usable.parallelStream().map(e -> TfIdf.distinctFeatures(e.tokens())).toList(), settings.minCount());
        var vectors = usable.parallelStream().map(e -> vocabulary.vector(e.tokens())).toList();
        int[] labels = usable.stream().mapToInt(e -> classOf.get(e.intent())).toArray();

        double scale = calibratedScale(vocabulary, nameArray, vectors, labels) * settings.sharpness();
        var svms = trainSvms(vocabulary.size(), nameArray.length, vectors, labels);
        return new IntentModel(vocabulary, nameArray, svms.weights(), svms.bias(), scale);
    }

    /**
     * The confidence scale with the least log-loss on a fifth of the examples (every fifth of each
     * intent, after a seeded shuffle), scored by SVMs trained on the rest.
     */
    private double calibratedScale(TfIdf vocabulary, String[] names, List<SparseVector> vectors, int[] labels) {
        var byClass = new ArrayList<List<Integer>>();
        for (int c = 0; c < names.length; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        var random = new Random(SEED);
        var heldOut = new boolean[labels.length];
        int heldOutCount = 0;
        for (var members : byClass) {
            Collections.shuffle(members, random);
            for (int j = 4; j < members.size(); j += 5) {
                heldOut[members.get(j)] = true;
                heldOutCount++;
            }
        }
        if (heldOutCount < MIN_HELD_OUT) {
            return DEFAULT_SCALE;
        }
        var trainVectors = new ArrayList<SparseVector>();
        var trainLabels = new ArrayList<Integer>();
        var testVectors = new ArrayList<SparseVector>();
        var testLabels = new ArrayList<Integer>();
        for (int i = 0; i < labels.length; i++) {
            (heldOut[i] ? testVectors : trainVectors).add(vectors.get(i));
            (heldOut[i] ? testLabels : trainLabels).add(labels[i]);
        }
        var svms = trainSvms(vocabulary.size(), names.length, trainVectors, trainLabels.stream().mapToInt(Integer::intValue).toArray());
        var partial = new IntentModel(vocabulary, names, svms.weights(), svms.bias(), 1);
        var scores = testVectors.stream().map(partial::scores).toList();
        int[] truth = testLabels.stream().mapToInt(Integer::intValue).toArray();
        return Calibration.bestScale(scores, truth);
    }

    /** Weights of the SVMs, feature-major as {@link IntentModel} keeps them, and their biases. */
    private record Svms(float[] weights, float[] bias) {
    }

    private Svms trainSvms(int features, int classes, List<SparseVector> vectors, int[] labels) {
        var x = new Feature[vectors.size()][];
        for (int i = 0; i < x.length; i++) {
            var vector = vectors.get(i);
            var nodes = new Feature[vector.indices().length + 1];
            for (int j = 0; j < vector.indices().length; j++) {
                nodes[j] = new FeatureNode(vector.indices()[j] + 1, vector.values()[j]);
            }
            nodes[nodes.length - 1] = new FeatureNode(features + 1, 1); // the bias term
            x[i] = nodes;
        }
        var weights = new float[Math.multiplyExact(features, classes)];
        var bias = new float[classes];
        // liblinear trains one-vs-rest single-threaded; its binary problems share the read-only x.
        IntStream.range(0, classes).parallel().forEach(c -> {
            var problem = new Problem();
            problem.l = x.length;
            problem.n = features + 1;
            problem.x = x;
            problem.bias = 1;
            problem.y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                problem.y[i] = labels[i] == c ? 1 : -1;
            }
            var parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, settings.c(), settings.epsilon());
            parameter.setRandom(new Random(SEED + c));
            var model = Linear.train(problem, parameter);
            double[] w = model.getFeatureWeights();
            double sign = model.getLabels()[0] == 1 ? 1 : -1;
            for (int f = 0; f < features; f++) {
                weights[f * classes + c] = (float) (sign * w[f]);
            }
            bias[c] = (float) (sign * w[features]);
        });
        return new Svms(weights, bias);
    }

    private record Example(String intent, String[] tokens) {
    }

    /**
     * How to train.
     *
     * @param c the SVMs' cost of a margin violation (higher fits the training data more closely)
     * @param epsilon liblinear's stopping tolerance
     * @param minCount fewest training examples a feature must occur in to be kept
     * @param sharpness factor on the confidence scale fitted to held-out examples: below 1 the
     *        confidences sound less sure than the fitted ones, so the decision policy asks or hands
     *        over rather than answer a doubtful message
     */
    record TrainingSettings(double c, double epsilon, int minCount, double sharpness) {

        TrainingSettings {
            if (!(c > 0) || !(epsilon > 0) || minCount < 1 || !(sharpness > 0)) {
                throw new IllegalArgumentException("c, epsilon and sharpness must be positive and minCount at least 1 but were "
                        + c + ", " + epsilon + ", " + sharpness + " and " + minCount);
            }
        }

        /**
         * The defaults. The cost, the minimum count and the separate scaling of word and character
         * features were chosen for top-intent accuracy on CLINC150's validation split and a tenth
         * held out of Banking77's and ru_hwu64_mt's training sets; the sharpness in 5-fold
         * cross-validation over {@code intents/}, so that at the default thresholds the bot answers
         * more messages right than the previous model without answering more of them wrongly.
         * JVM system properties {@code supportbot.nlu.c|epsilon|min-count|sharpness} override
         * them for experiments.
         */
        static TrainingSettings defaults() {
            return new TrainingSettings(
                    Double.parseDouble(System.getProperty("supportbot.nlu.c", "1")),
                    Double.parseDouble(System.getProperty("supportbot.nlu.epsilon", "0.1")),
                    Integer.getInteger("supportbot.nlu.min-count", 2),
                    Double.parseDouble(System.getProperty("supportbot.nlu.sharpness", "0.6")));
        }

        String key() {
            return VERSION + "-c" + c + "-e" + epsilon + "-m" + minCount + "-s" + sharpness;
        }
    }
}
