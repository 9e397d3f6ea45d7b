package org.supportbot.nlu.doccat;

import java.util.Arrays;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.util.model.SerializableArtifact;

/**
 * One linear SVM per outcome (one-vs-rest) over the {@link TfIdf} vector of an event's context,
 * as an OpenNLP model: {@code DocumentCategorizerME} evaluates it like any maxent model. The
 * probability of outcome {@code i} is the softmax of the SVMs' decision values times a scale,
 * {@code exp(scale · s_i) / Σ_j exp(scale · s_j)}; the scale (fitted on held-out examples by
 * {@link LiblinearTrainer}) only makes the probabilities sound as sure as the model is right, it
 * never changes the ranking. Written inside a {@code DoccatModel} by {@link LiblinearModelSerializer},
 * which the model's manifest names, so OpenNLP's own {@code new DoccatModel(in)} reads it back.
 *
 * <p>Immutable and thread-safe.
 */
public final class LiblinearModel extends AbstractModel implements SerializableArtifact {

    private final TfIdf vocabulary;
    private final String[] names;
    /** {@code weights[feature * names.length + outcome]}: feature-major, so a message reads whole rows. */
    private final float[] weights;
    private final float[] bias;
    private final double scale;

    /**
     * @throws IllegalArgumentException when the arrays do not fit together, there are fewer than
     *         two outcomes, or the scale is not positive
     */
    LiblinearModel(TfIdf vocabulary, String[] names, float[] weights, float[] bias, double scale) {
        super(new Context[0], new String[0], names); // the weights live in {@code weights}, not in OpenNLP's contexts
        if (names.length < 2 || bias.length != names.length || weights.length != (long) vocabulary.size() * names.length) {
            throw new IllegalArgumentException("a model needs at least two outcomes and weights for each; got "
                    + names.length + " outcomes, " + bias.length + " biases and " + weights.length + " weights over "
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
    }

    /** The same SVMs with probabilities at another scale (for calibration and tests). */
    public LiblinearModel withScale(double otherScale) {
        return new LiblinearModel(vocabulary, names, weights, bias, otherScale);
    }

    /** The factor on the decision values before the softmax. */
    public double scale() {
        return scale;
    }

    /** The features the model has weights for. */
    public java.util.stream.Stream<String> features() {
        return vocabulary.features();
    }

    /** Whether the model has a weight for {@code feature}. */
    public boolean knows(String feature) {
        return vocabulary.knows(feature);
    }

    /**
     * Probabilities of the outcomes, in the model's outcome order, summing to one; the same for
     * every outcome when no feature of {@code context} is known.
     */
    @Override
    public double[] eval(String[] context) {
        var probabilities = new double[names.length];
        var vector = vocabulary.vector(context);
        if (vector.isEmpty()) {
            Arrays.fill(probabilities, 1.0 / names.length);
            return probabilities;
        }
        double[] scores = scores(vector);
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            probabilities[i] = Math.exp(scale * (scores[i] - max));
            sum += probabilities[i];
        }
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = Math.min(1, probabilities[i] / sum);
        }
        return probabilities;
    }

    @Override
    public double[] eval(String[] context, double[] probabilities) {
        var result = eval(context);
        System.arraycopy(result, 0, probabilities, 0, Math.min(result.length, probabilities.length));
        return probabilities;
    }

    /** Real-valued contexts are weighted by TF-IDF like any other: the values are not used. */
    @Override
    public double[] eval(String[] context, float[] values) {
        return eval(context);
    }

    /** The decision value of each outcome's SVM, in the model's outcome order. */
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

    TfIdf vocabulary() {
        return vocabulary;
    }

    String[] names() {
        return names.clone();
    }

    float[] weights() {
        return weights;
    }

    float[] bias() {
        return bias;
    }

    @Override
    public Class<?> getArtifactSerializerClass() {
        return LiblinearModelSerializer.class;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LiblinearModel that && scale == that.scale && Arrays.equals(names, that.names)
                && Arrays.equals(bias, that.bias) && Arrays.equals(weights, that.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + Arrays.hashCode(bias);
    }

    @Override
    public String toString() {
        return "LiblinearModel" + Arrays.toString(names) + " over " + vocabulary.size() + " features, scale " + scale;
    }
}
