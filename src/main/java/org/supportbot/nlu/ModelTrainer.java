package org.supportbot.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.supportbot.nlu.features.CharacterFeatures;
import org.supportbot.nlu.features.WordFeatures;

/** Trains an {@link IntentModel} from labelled texts with OpenNLP's maxent trainer. */
final class ModelTrainer {

    /**
     * Changes whenever features or training change, so that cached models trained the old way
     * are not reused.
     */
    static final String VERSION = "f1";

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
        IntentModel.registerFeatures();
        var samples = examples.stream()
                .map(e -> new DocumentSample(e.intent(), TextNormalizer.tokens(e.text())))
                .filter(s -> s.getText().length > 0)
                .toList();
        if (samples.stream().map(DocumentSample::getCategory).distinct().count() < 2) {
            throw new IllegalArgumentException("training needs examples of at least two intents, got "
                    + samples.stream().map(DocumentSample::getCategory).distinct().toList());
        }
        var params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, settings.algorithm());
        params.put(TrainingParameters.ITERATIONS_PARAM, settings.iterations());
        params.put(TrainingParameters.CUTOFF_PARAM, settings.cutoff());
        params.put(TrainingParameters.THREADS_PARAM, settings.threads());
        if (settings.algorithm().equals("MAXENT_QN")) {
            params.put("L2Cost", settings.l2());
            params.put("L1Cost", 0.0);
        }
        var factory = new DoccatFactory(new FeatureGenerator[] {new WordFeatures(), new CharacterFeatures()});
        try {
            return new IntentModel(DocumentCategorizerME.train("xx", ObjectStreamUtils.createObjectStream(samples), params, factory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to train: OpenNLP algorithm name, iterations, feature cutoff, threads, L2 cost (quasi-Newton only). */
    record TrainingSettings(String algorithm, int iterations, int cutoff, int threads, double l2) {

        /** The tuned defaults; JVM system properties {@code supportbot.nlu.algorithm|iterations|cutoff|l2} override them for experiments. */
        static TrainingSettings defaults() {
            return new TrainingSettings(
                    System.getProperty("supportbot.nlu.algorithm", "MAXENT"),
                    Integer.getInteger("supportbot.nlu.iterations", 150),
                    Integer.getInteger("supportbot.nlu.cutoff", 1),
                    Math.max(1, Runtime.getRuntime().availableProcessors()),
                    Double.parseDouble(System.getProperty("supportbot.nlu.l2", "0.1")));
        }

        String key() {
            return VERSION + "-" + algorithm + "-" + iterations + "-" + cutoff + "-" + l2;
        }
    }
}
