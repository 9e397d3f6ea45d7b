package org.supportbot.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.supportbot.nlu.features.CharacterFeatures;
import org.supportbot.nlu.features.WordFeatures;

/** Trains an {@link IntentModel} from labelled texts with OpenNLP's maxent and perceptron trainers, side by side. */
final class ModelTrainer {

    /**
     * Changes whenever features or training change, so that cached models trained the old way
     * are not reused.
     */
    static final String VERSION = "e2";

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
        // The perceptron is quick and single-threaded: it trains beside the maxent, whose GIS
        // iterations still get every core (given only the others, the maxent ran single-threaded
        // long after the perceptron had finished).
        var perceptron = new CompletableFuture<DoccatModel>();
        var thread = new Thread(() -> {
            try {
                perceptron.complete(train(samples, perceptronParameters()));
            } catch (Throwable e) {
                perceptron.completeExceptionally(e);
            }
        }, "nlu-perceptron-training");
        thread.setDaemon(true);
        thread.start();
        var maxent = train(samples, maxentParameters());
        try {
            return new IntentModel(maxent, perceptron.join(), settings.perceptronWeight(), settings.temperature());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private TrainingParameters maxentParameters() {
        var params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, settings.algorithm());
        params.put(TrainingParameters.ITERATIONS_PARAM, settings.iterations());
        params.put(TrainingParameters.CUTOFF_PARAM, settings.cutoff());
        params.put(TrainingParameters.THREADS_PARAM, settings.threads());
        if (settings.algorithm().equals("MAXENT_QN")) {
            params.put("L2Cost", settings.l2());
            params.put("L1Cost", 0.0);
        }
        return params;
    }

    private TrainingParameters perceptronParameters() {
        var params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, "PERCEPTRON");
        params.put(TrainingParameters.ITERATIONS_PARAM, settings.perceptronIterations());
        params.put(TrainingParameters.CUTOFF_PARAM, settings.cutoff());
        return params;
    }

    private static DoccatModel train(List<DocumentSample> samples, TrainingParameters params) {
        var factory = new DoccatFactory(new FeatureGenerator[] {new WordFeatures(), new CharacterFeatures()});
        try {
            return DocumentCategorizerME.train("xx", ObjectStreamUtils.createObjectStream(samples), params, factory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How to train: the maxent's OpenNLP algorithm name and iterations, feature cutoff, the maxent's
     * threads, L2 cost (quasi-Newton only), the perceptron's iterations, its
     * weight in the ensemble and the temperature of the combined confidences (see {@link IntentModel}).
     */
    record TrainingSettings(String algorithm, int iterations, int cutoff, int threads, double l2,
            int perceptronIterations, double perceptronWeight, double temperature) {

        /**
         * The defaults. The perceptron weight and the maxent's iterations (80 are as accurate in
         * the ensemble as 150, and twice as quick) were chosen for top-intent accuracy on validation
         * data (CLINC150's validation split, a tenth held out of Banking77's and of ru_hwu64_mt's
         * training sets); the temperature for answered-right against wrong-answer rates at the
         * default thresholds in 5-fold cross-validation over {@code intents/}. JVM system properties
         * {@code supportbot.nlu.algorithm|iterations|cutoff|l2|perceptron-iterations|perceptron-weight|temperature}
         * override them for experiments.
         */
        static TrainingSettings defaults() {
            return new TrainingSettings(
                    System.getProperty("supportbot.nlu.algorithm", "MAXENT"),
                    Integer.getInteger("supportbot.nlu.iterations", 80),
                    Integer.getInteger("supportbot.nlu.cutoff", 1),
                    Math.max(1, Runtime.getRuntime().availableProcessors()),
                    Double.parseDouble(System.getProperty("supportbot.nlu.l2", "0.1")),
                    Integer.getInteger("supportbot.nlu.perceptron-iterations", 100),
                    Double.parseDouble(System.getProperty("supportbot.nlu.perceptron-weight", "4")),
                    Double.parseDouble(System.getProperty("supportbot.nlu.temperature", "2")));
        }

        String key() {
            return VERSION + "-" + algorithm + "-" + iterations + "-" + cutoff + "-" + l2 + "-p" + perceptronIterations + "-" + perceptronWeight + "-t" + temperature;
        }
    }
}
