package org.supportbot.nlu.doccat;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import opennlp.tools.ml.AbstractTrainer;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.model.DataIndexer;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStream;

/**
 * OpenNLP's ML extension point for liblinear: {@code TrainerFactory} creates this trainer when the
 * training parameters' {@code Algorithm} is its class name. It fits a {@link TfIdf} vocabulary to
 * the events' contexts, trains one L2-regularised L2-loss linear SVM per outcome (liblinear's dual
 * coordinate descent, the outcomes in parallel) and fits the {@link LiblinearModel}'s confidence
 * scale on a held-out fifth ({@link Calibration}).
 *
 * <p>Parameters: {@value #C} (cost of a margin violation, default 1), {@value #EPSILON} (stopping
 * tolerance, 0.1), {@value #MIN_COUNT} (fewest events a feature must occur in, 2) and
 * {@value #SHARPNESS} (factor on the fitted scale, 1).
 */
public final class LiblinearTrainer extends AbstractTrainer implements EventTrainer {

    /** Training parameter: the SVMs' cost of a margin violation. */
    public static final String C = "C";
    /** Training parameter: liblinear's stopping tolerance. */
    public static final String EPSILON = "Epsilon";
    /** Training parameter: fewest events a feature must occur in to be kept. */
    public static final String MIN_COUNT = "MinCount";
    /** Training parameter: factor on the confidence scale fitted to held-out events. */
    public static final String SHARPNESS = "Sharpness";

    /** The scale used when there are too few events to hold some out for fitting it. */
    static final double DEFAULT_SCALE = 8;
    private static final int MIN_HELD_OUT = 20;
    private static final long SEED = 42;

    static {
        Linear.disableDebugOutput();
    }

    /** For OpenNLP's {@code TrainerFactory}, which creates the trainer by class name. */
    public LiblinearTrainer() {
    }

    @Override
    public MaxentModel train(ObjectStream<Event> events) throws IOException {
        var all = new ArrayList<Event>();
        for (Event event = events.read(); event != null; event = events.read()) {
            all.add(event);
        }
        return train(all);
    }

    /** Trains on the events an indexer has seen, each as often as it was seen. */
    @Override
    public MaxentModel train(DataIndexer indexer) {
        var predicates = indexer.getPredLabels();
        var outcomes = indexer.getOutcomeLabels();
        var all = new ArrayList<Event>();
        int[][] contexts = indexer.getContexts();
        for (int i = 0; i < contexts.length; i++) {
            var context = new String[contexts[i].length];
            for (int j = 0; j < context.length; j++) {
                context[j] = predicates[contexts[i][j]];
            }
            for (int times = 0; times < indexer.getNumTimesEventsSeen()[i]; times++) {
                all.add(new Event(outcomes[indexer.getOutcomeList()[i]], context));
            }
        }
        return train(all);
    }

    private LiblinearModel train(List<Event> events) {
        var names = new TreeSet<String>();
        events.forEach(e -> names.add(e.getOutcome()));
        if (names.size() < 2) {
            throw new IllegalArgumentException("training needs examples of at least two intents, got " + names);
        }
        var nameArray = names.toArray(String[]::new);
        var classOf = new HashMap<String, Integer>();
        for (int i = 0; i < nameArray.length; i++) {
            classOf.put(nameArray[i], i);
        }
        var vocabulary = TfIdf.fit(events.parallelStream().map(e -> TfIdf.distinct(e.getContext())).toList(),
                trainingParameters.getIntParameter(MIN_COUNT, 2));
        var vectors = events.parallelStream().map(e -> vocabulary.vector(e.getContext())).toList();
        int[] labels = events.stream().mapToInt(e -> classOf.get(e.getOutcome())).toArray();
        double scale = calibratedScale(vocabulary, nameArray, vectors, labels)
                * trainingParameters.getDoubleParameter(SHARPNESS, 1);
        var svms = svms(vocabulary.size(), nameArray.length, vectors, labels);
        return new LiblinearModel(vocabulary, nameArray, svms.weights(), svms.bias(), scale);
    }

    /**
     * The confidence scale with the least log-loss on a fifth of the events (every fifth of each
     * outcome, after a seeded shuffle), scored by SVMs trained on the rest.
     */
    private double calibratedScale(TfIdf vocabulary, String[] names, List<SparseVector> vectors, int[] labels) {
        var heldOut = HeldOut.everyFifth(labels, names.length, new Random(SEED));
        if (heldOut.count() < MIN_HELD_OUT) {
            return DEFAULT_SCALE;
        }
        var trainVectors = new ArrayList<SparseVector>();
        var trainLabels = new ArrayList<Integer>();
        var testVectors = new ArrayList<SparseVector>();
        var testLabels = new ArrayList<Integer>();
        for (int i = 0; i < labels.length; i++) {
            (heldOut.contains(i) ? testVectors : trainVectors).add(vectors.get(i));
            (heldOut.contains(i) ? testLabels : trainLabels).add(labels[i]);
        }
        var svms = svms(vocabulary.size(), names.length, trainVectors, trainLabels.stream().mapToInt(Integer::intValue).toArray());
        var partial = new LiblinearModel(vocabulary, names, svms.weights(), svms.bias(), 1);
        var scores = testVectors.stream().map(partial::scores).toList();
        int[] truth = testLabels.stream().mapToInt(Integer::intValue).toArray();
        return Calibration.bestScale(scores, truth);
    }

    /** Weights of the SVMs, feature-major as {@link LiblinearModel} keeps them, and their biases. */
    private record Svms(float[] weights, float[] bias) {
    }

    private Svms svms(int features, int classes, List<SparseVector> vectors, int[] labels) {
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
        double cost = trainingParameters.getDoubleParameter(C, 1);
        double epsilon = trainingParameters.getDoubleParameter(EPSILON, 0.1);
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
            var parameter = new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, cost, epsilon);
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
}
