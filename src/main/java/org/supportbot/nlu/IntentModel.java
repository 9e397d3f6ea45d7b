package org.supportbot.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * A trained OpenNLP document categorizer. Thread-safe: the feature generators keep no state
 * and the maxent model allocates per evaluation.
 */
final class IntentModel {

    static {
        // OpenNLP instantiates feature generators by class name only from allowed packages.
        ExtensionLoader.registerAllowedPackage("org.supportbot.nlu.features");
    }

    private final DoccatModel model;
    private final DocumentCategorizerME categorizer;
    private final Set<String> intents;

    IntentModel(DoccatModel model) {
        this.model = model;
        this.categorizer = new DocumentCategorizerME(model);
        var names = new TreeSet<String>();
        for (int i = 0; i < categorizer.getNumberOfCategories(); i++) {
            names.add(categorizer.getCategory(i));
        }
        this.intents = Set.copyOf(names);
    }

    static void registerFeatures() {
        // Loading the class runs the static initialiser above.
    }

    static IntentModel read(InputStream in) throws IOException {
        return new IntentModel(new DoccatModel(in));
    }

    void write(OutputStream out) throws IOException {
        model.serialize(out);
    }

    Set<String> intents() {
        return intents;
    }

    /** Most tokens a message is classified on: the maxent sums overflow on pages of text. */
    static final int MAX_TOKENS = 120;
    private static final int HEAD_TOKENS = 40;

    /** Intents by falling confidence; empty for a message without tokens. */
    List<IntentScore> rank(String[] tokens) {
        if (tokens.length == 0) {
            return List.of();
        }
        double[] scores = categorizer.categorize(clip(tokens));
        var ranking = new ArrayList<IntentScore>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                return List.of();
            }
            ranking.add(new IntentScore(categorizer.getCategory(i), Math.min(1, Math.max(0, scores[i]))));
        }
        ranking.sort(Comparator.comparingDouble(IntentScore::confidence).reversed());
        return ranking;
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
}
