package org.supportbot.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.util.ObjectStreamUtils;
import org.supportbot.nlu.doccat.Features;
import org.supportbot.nlu.doccat.IntentDoccatFactory;

/**
 * Trains an {@link IntentModel} with OpenNLP's document categorizer: the examples tokenised by
 * {@link MessageTokenizer}, the features of {@link Features#generators()}, and the learning
 * algorithm chosen by OpenNLP's training parameters ({@link Algorithm}).
 */
final class ModelTrainer {

    /**
     * Changes whenever features or training change, so that cached models trained the old way
     * are not reused.
     */
    static final String VERSION = "doccat1";

    private final TrainingSettings settings;
    private final Algorithm algorithm;

    ModelTrainer(TrainingSettings settings) {
        this(settings, Algorithm.DEFAULT);
    }

    ModelTrainer(TrainingSettings settings, Algorithm algorithm) {
        this.settings = settings;
        this.algorithm = algorithm;
        IntentModel.allowExtensions();
    }

    String settingsKey() {
        return settings.key() + "-" + algorithm.id();
    }

    Algorithm algorithm() {
        return algorithm;
    }

    /**
     * @throws IllegalArgumentException when there are fewer than two intents to tell apart
     */
    IntentModel train(List<LabelledText> examples) {
        return train(examples, Synonyms.NONE);
    }

    /**
     * Trains with the editors' synonyms, which the model keeps and applies to every message.
     *
     * @throws IllegalArgumentException when there are fewer than two intents to tell apart
     */
    IntentModel train(List<LabelledText> examples, Synonyms synonyms) {
        var tokenizer = new MessageTokenizer(synonyms);
        var samples = examples.parallelStream()
                .map(e -> new DocumentSample(e.intent(), tokenizer.tokenize(e.text())))
                .filter(s -> s.getText().length > 0)
                .toList();
        var names = new TreeSet<String>();
        samples.forEach(s -> names.add(s.getCategory()));
        if (names.size() < 2) {
            throw new IllegalArgumentException("training needs examples of at least two intents, got " + names);
        }
        try {
            var doccat = DocumentCategorizerME.train("mul", ObjectStreamUtils.createObjectStream(samples),
                    algorithm.parameters(settings), new IntentDoccatFactory(Features.generators(), synonyms.replacements()));
            return new IntentModel(doccat);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the samples are in memory: reading them cannot fail
        }
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
         * more messages right than the previous model without answering more of them wrongly
         * (0.55 since the broader examples of issue 27: at 0.6 they raised wrong answers in
         * cross-validation from 0.024 to 0.029, at 0.55 they are 0.021 — docs/nlu.md).
         * JVM system properties {@code supportbot.nlu.c|epsilon|min-count|sharpness} override
         * them for experiments.
         */
        static TrainingSettings defaults() {
            return new TrainingSettings(
                    Double.parseDouble(System.getProperty("supportbot.nlu.c", "1")),
                    Double.parseDouble(System.getProperty("supportbot.nlu.epsilon", "0.1")),
                    Integer.getInteger("supportbot.nlu.min-count", 2),
                    Double.parseDouble(System.getProperty("supportbot.nlu.sharpness", "0.55")));
        }

        String key() {
            return VERSION + "-c" + c + "-e" + epsilon + "-m" + minCount + "-s" + sharpness;
        }
    }
}
