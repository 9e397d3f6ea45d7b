package org.supportbot.nlu.doccat;

import java.util.Arrays;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.model.SerializableArtifact;

/**
 * Several models' probabilities averaged with fixed weights, as one OpenNLP model; the outcomes
 * are the first member's, and the other members' are matched to them by name. Written inside a
 * {@code DoccatModel} by {@link EnsembleModelSerializer}, which the model's manifest names.
 *
 * <p>Immutable and thread-safe when its members are.
 */
public final class EnsembleModel extends AbstractModel implements SerializableArtifact {

    private final MaxentModel[] members;
    private final double[] weights;
    /** {@code index[m][i]}: member {@code m}'s index of this model's outcome {@code i}, or -1. */
    private final int[][] index;

    /** @throws IllegalArgumentException when the weights do not fit the members or do not sum to a positive number */
    EnsembleModel(MaxentModel[] members, double[] weights) {
        super(new Context[0], new String[0], outcomes(members[0]));
        if (members.length != weights.length || !(Arrays.stream(weights).sum() > 0)
                || Arrays.stream(weights).anyMatch(w -> w < 0 || Double.isNaN(w))) {
            throw new IllegalArgumentException("an ensemble needs one non-negative weight per member, summing above zero; got "
                    + members.length + " members and weights " + Arrays.toString(weights));
        }
        this.members = members.clone();
        double sum = Arrays.stream(weights).sum();
        this.weights = Arrays.stream(weights).map(w -> w / sum).toArray();
        this.index = new int[members.length][getNumOutcomes()];
        for (int m = 0; m < members.length; m++) {
            for (int i = 0; i < getNumOutcomes(); i++) {
                index[m][i] = members[m].getIndex(getOutcome(i));
            }
        }
    }

    private static String[] outcomes(MaxentModel model) {
        var names = new String[model.getNumOutcomes()];
        for (int i = 0; i < names.length; i++) {
            names[i] = model.getOutcome(i);
        }
        return names;
    }

    @Override
    public double[] eval(String[] context) {
        var probabilities = new double[getNumOutcomes()];
        for (int m = 0; m < members.length; m++) {
            var own = members[m].eval(context);
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] += index[m][i] < 0 ? 0 : weights[m] * own[index[m][i]];
            }
        }
        return probabilities;
    }

    @Override
    public double[] eval(String[] context, double[] probabilities) {
        var result = eval(context);
        System.arraycopy(result, 0, probabilities, 0, Math.min(result.length, probabilities.length));
        return probabilities;
    }

    @Override
    public double[] eval(String[] context, float[] values) {
        return eval(context);
    }

    /** The members named by {@code name} and joined by {@code +}, e.g. {@code liblinear+naivebayes}. */
    public String describe(java.util.function.Function<MaxentModel, String> name) {
        return String.join("+", Arrays.stream(members).map(name).toList());
    }

    MaxentModel[] members() {
        return members.clone();
    }

    double[] weights() {
        return weights.clone();
    }

    @Override
    public Class<?> getArtifactSerializerClass() {
        return EnsembleModelSerializer.class;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EnsembleModel that && Arrays.equals(members, that.members) && Arrays.equals(weights, that.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(members) * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "EnsembleModel" + Arrays.toString(members) + " weighted " + Arrays.toString(weights);
    }
}
