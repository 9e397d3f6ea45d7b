package org.supportbot.nlu;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.ml.maxent.quasinewton.QNTrainer;
import opennlp.tools.ml.naivebayes.NaiveBayesTrainer;
import opennlp.tools.ml.perceptron.PerceptronTrainer;
import opennlp.tools.util.TrainingParameters;
import org.supportbot.nlu.doccat.EnsembleTrainer;
import org.supportbot.nlu.doccat.LiblinearTrainer;

/**
 * The learning algorithms the document categorizer can be trained with, each named by the value
 * of OpenNLP's {@code Algorithm} training parameter: OpenNLP's own trainers, and liblinear through
 * OpenNLP's ML extension point (the trainer's class name). Only liblinear weights the features by
 * TF-IDF; OpenNLP's trainers see the features' counts.
 */
enum Algorithm {

    LIBLINEAR(LiblinearTrainer.class.getName()),
    MAXENT_QN(QNTrainer.MAXENT_QN_VALUE),
    MAXENT(GISTrainer.MAXENT_VALUE),
    NAIVEBAYES(NaiveBayesTrainer.NAIVE_BAYES_VALUE),
    PERCEPTRON(PerceptronTrainer.PERCEPTRON_VALUE),
    /** liblinear's and naive Bayes' probabilities averaged. */
    LIBLINEAR_PLUS_NAIVEBAYES(EnsembleTrainer.class.getName(), LiblinearTrainer.class.getName() + "," + NaiveBayesTrainer.NAIVE_BAYES_VALUE),
    /** liblinear's and GIS maxent's probabilities averaged. */
    LIBLINEAR_PLUS_MAXENT(EnsembleTrainer.class.getName(), LiblinearTrainer.class.getName() + "," + GISTrainer.MAXENT_VALUE);

    private static final String PLUS = "_PLUS_";

    /**
     * Chosen on cross-validation over {@code intents/} and the two holdout files together
     * (docs/nlu.md); the public datasets' test splits only confirm it.
     */
    static final Algorithm DEFAULT = LIBLINEAR;

    private final String trainer;
    private final String members;

    Algorithm(String trainer) {
        this(trainer, "");
    }

    Algorithm(String trainer, String members) {
        this.trainer = trainer;
        this.members = members;
    }

    /** The name {@code evaluate --algorithm} takes and {@code "classifier"} reports: {@code liblinear}, {@code maxent_qn}… */
    String id() {
        return name().replace(PLUS, "+").toLowerCase(Locale.ROOT);
    }

    /** OpenNLP's training parameters for this algorithm with {@code settings}. */
    TrainingParameters parameters(ModelTrainer.TrainingSettings settings) {
        var parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, trainer);
        parameters.put(TrainingParameters.CUTOFF_PARAM, settings.minCount());
        parameters.put(TrainingParameters.ITERATIONS_PARAM, 200);
        parameters.put(LiblinearTrainer.C, settings.c());
        parameters.put(LiblinearTrainer.EPSILON, settings.epsilon());
        parameters.put(LiblinearTrainer.MIN_COUNT, settings.minCount());
        parameters.put(LiblinearTrainer.SHARPNESS, settings.sharpness());
        if (!members.isEmpty()) {
            parameters.put(EnsembleTrainer.MEMBERS, members);
            // for experiments: the members' weights, e.g. "0.7,0.3"; equal by default
            parameters.put(EnsembleTrainer.WEIGHTS, System.getProperty("supportbot.nlu.ensemble-weights", ""));
        }
        parameters.put(QNTrainer.THREADS_PARAM, Math.max(1, Runtime.getRuntime().availableProcessors()));
        return parameters;
    }

    /**
     * The algorithm of a name as {@link #id()} gives it or as OpenNLP spells it (case and {@code -}
     * or {@code _} do not matter).
     *
     * @throws IllegalArgumentException naming the known algorithms, when {@code name} is none of them
     */
    static Algorithm of(String name) {
        var wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace("+", PLUS);
        for (var algorithm : values()) {
            if (algorithm.name().equals(wanted) || algorithm.members.isEmpty() && algorithm.trainer.equalsIgnoreCase(name.trim())) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + name + "'; known: "
                + Arrays.stream(values()).map(Algorithm::id).collect(Collectors.joining(", ")));
    }
}
