package org.supportbot.nlu.doccat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import opennlp.tools.ml.AbstractTrainer;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.DataIndexer;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStream;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * An ensemble through OpenNLP's ML extension point: trains each member algorithm named by
 * {@value #MEMBERS} (OpenNLP algorithm values or trainer class names, comma-separated) on the same
 * events with the same parameters, and returns an {@link EnsembleModel} whose probabilities are
 * the members' averaged with {@value #WEIGHTS} (comma-separated, equal by default).
 */
public final class EnsembleTrainer extends AbstractTrainer implements EventTrainer {

    /** Training parameter: the members' algorithms, comma-separated. */
    public static final String MEMBERS = "Members";
    /** Training parameter: the members' weights, comma-separated, in the members' order. */
    public static final String WEIGHTS = "Weights";

    /** For OpenNLP's {@code TrainerFactory}, which creates the trainer by class name. */
    public EnsembleTrainer() {
    }

    @Override
    public MaxentModel train(ObjectStream<Event> events) throws IOException {
        var all = new ArrayList<Event>();
        for (Event event = events.read(); event != null; event = events.read()) {
            all.add(event);
        }
        var members = trainingParameters.getStringParameter(MEMBERS, "").split(",");
        if (members.length < 2 || Arrays.stream(members).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("an ensemble needs two or more members in '" + MEMBERS + "', got "
                    + Arrays.toString(members));
        }
        var models = new MaxentModel[members.length];
        for (int i = 0; i < members.length; i++) {
            var parameters = new TrainingParameters(trainingParameters);
            parameters.put(TrainingParameters.ALGORITHM_PARAM, members[i].trim());
            var trainer = TrainerFactory.getEventTrainer(parameters, new HashMap<>());
            models[i] = trainer.train(ObjectStreamUtils.createObjectStream(all));
        }
        return new EnsembleModel(models, weights(members.length));
    }

    /** Not used by the document categorizer, which trains from events. */
    @Override
    public MaxentModel train(DataIndexer indexer) {
        throw new UnsupportedOperationException("the ensemble trains from events");
    }

    private double[] weights(int count) {
        var text = trainingParameters.getStringParameter(WEIGHTS, "");
        if (text.isBlank()) {
            var equal = new double[count];
            Arrays.fill(equal, 1.0 / count);
            return equal;
        }
        var weights = Arrays.stream(text.split(",")).mapToDouble(w -> Double.parseDouble(w.trim())).toArray();
        if (weights.length != count) {
            throw new IllegalArgumentException("'" + WEIGHTS + "' has " + weights.length + " weights for " + count + " members");
        }
        return weights;
    }
}
