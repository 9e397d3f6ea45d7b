package org.supportbot.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.util.ext.ExtensionLoader;
import org.supportbot.nlu.doccat.Features;
import org.supportbot.nlu.doccat.IntentDoccatFactory;
import org.supportbot.nlu.doccat.EnsembleModel;
import org.supportbot.nlu.doccat.LiblinearModel;
import org.supportbot.nlu.doccat.Stems;

/**
 * A trained intent classifier: an OpenNLP {@link DoccatModel} (feature generators named in its
 * manifest, the learnt model inside) with a {@link DocumentCategorizerME} over it. Written and read
 * as OpenNLP's model package, a zip with {@code manifest.properties}, which OpenNLP's own
 * {@code new DoccatModel(in)} loads.
 *
 * <p>Immutable and thread-safe (the categorizer keeps no state between calls).
 */
final class IntentModel {

    /** Most tokens a message is classified on; longer messages are {@linkplain #clip clipped}. */
    static final int MAX_TOKENS = 120;
    private static final int HEAD_TOKENS = 40;
    /**
     * Typo correction ({@link Typos}), JVM property {@code supportbot.nlu.typos}; off by default: on
     * {@code intents/} it answered 0.3 points more messages right but 0.08 points more wrongly and
     * left 0.5 points fewer out-of-scope messages alone (docs/nlu.md).
     */
    static final boolean CORRECT_TYPOS = Boolean.parseBoolean(System.getProperty("supportbot.nlu.typos", "false"));

    static {
        // OpenNLP instantiates only classes of packages it was told to trust.
        ExtensionLoader.registerAllowedPackage("org.supportbot.nlu.doccat.");
    }

    private final DoccatModel doccat;
    private final DocumentCategorizerME categorizer;
    private final String[] names;
    private final Set<String> intents;
    private final Predicate<String> knows;
    private final MessageTokenizer tokenizer;
    private final Typos typos;

    IntentModel(DoccatModel doccat) {
        this.doccat = doccat;
        this.categorizer = new DocumentCategorizerME(doccat);
        this.names = new String[categorizer.getNumberOfCategories()];
        for (int i = 0; i < names.length; i++) {
            names[i] = categorizer.getCategory(i);
        }
        this.intents = Set.of(names);
        this.knows = vocabulary(doccat);
        this.tokenizer = new MessageTokenizer(doccat.getFactory() instanceof IntentDoccatFactory factory
                ? new Synonyms(factory.synonyms()) : Synonyms.NONE);
        this.typos = new Typos(doccat.getMaxentModel() instanceof LiblinearModel liblinear && CORRECT_TYPOS
                ? liblinear.features().filter(f -> f.startsWith(Features.WORD)).map(f -> f.substring(Features.WORD.length()))
                : java.util.stream.Stream.empty());
    }

    /** Makes sure OpenNLP may load this module's extensions before a model is trained or read. */
    static void allowExtensions() {
        // the static initialiser does it
    }

    @SuppressWarnings("unchecked")
    private static Predicate<String> vocabulary(DoccatModel doccat) {
        var model = doccat.getMaxentModel();
        if (model instanceof LiblinearModel liblinear) {
            return liblinear::knows;
        }
        if (model instanceof AbstractModel abstractModel) {
            var predicates = (Map<String, Context>) abstractModel.getDataStructures()[1];
            return predicates::containsKey;
        }
        return feature -> false;
    }

    /**
     * The tokens of a message as this model reads it: normalised, with the synonyms it was trained
     * with, and (when {@link #CORRECT_TYPOS}) Russian words it does not know corrected to one it
     * knows a typo away.
     */
    String[] tokens(String text) {
        return typos.correct(tokenizer.tokenize(text));
    }

    DoccatModel doccat() {
        return doccat;
    }

    Set<String> intents() {
        return intents;
    }

    /** What classifies: {@code opennlp-doccat/} and the algorithm, e.g. {@code opennlp-doccat/liblinear}. */
    String describe() {
        return "opennlp-doccat/" + algorithmOf(doccat.getMaxentModel());
    }

    private static String algorithmOf(opennlp.tools.ml.model.MaxentModel model) {
        return model instanceof LiblinearModel ? Algorithm.LIBLINEAR.id()
                : model instanceof EnsembleModel ensemble ? ensemble.describe(IntentModel::algorithmOf)
                : model instanceof AbstractModel a && a.getModelType() != null ? switch (a.getModelType()) {
                    case Maxent -> Algorithm.MAXENT.id();
                    case MaxentQn -> Algorithm.MAXENT_QN.id();
                    case NaiveBayes -> Algorithm.NAIVEBAYES.id();
                    case Perceptron -> Algorithm.PERCEPTRON.id();
                } : model.getClass().getSimpleName();
    }

    /**
     * Intents by falling confidence, every intent once, confidences summing to one; empty for a
     * message without tokens.
     */
    List<IntentScore> rank(String[] tokens) {
        if (tokens.length == 0) {
            return List.of();
        }
        double[] probabilities = categorizer.categorize(clip(tokens));
        var ranking = new ArrayList<IntentScore>(names.length);
        for (int i = 0; i < names.length; i++) {
            ranking.add(new IntentScore(names[i], probabilities[i]));
        }
        ranking.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return ranking;
    }

    /**
     * The share of {@code tokens} whose stem the model has seen as a word, 0..1 (0 without tokens):
     * how much of a message is in a language the model knows.
     */
    double knownWordShare(String[] tokens) {
        if (tokens.length == 0) {
            return 0;
        }
        int known = 0;
        for (var token : tokens) {
            if (knows.test(Features.WORD + Stems.stem(token))) {
                known++;
            }
        }
        return (double) known / tokens.length;
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

    /**
     * Reads a model package {@link #write} wrote, with OpenNLP's own {@code DoccatModel} reader.
     *
     * @throws IOException when the stream holds something else or ends early
     */
    static IntentModel read(InputStream in) throws IOException {
        try {
            return new IntentModel(new DoccatModel(in));
        } catch (IOException | RuntimeException e) {
            // OpenNLP reports some malformed packages (an unknown serializer, a missing entry) unchecked
            throw new IOException("not an intent model of this version: " + e.getMessage(), e);
        }
    }

    /** Writes the OpenNLP model package; the stream is flushed, not closed. */
    void write(OutputStream out) throws IOException {
        doccat.serialize(out);
    }

    @Override
    public String toString() {
        return "IntentModel(" + describe() + ")" + List.of(names);
    }
}
