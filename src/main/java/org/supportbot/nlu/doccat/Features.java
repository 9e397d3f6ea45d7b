package org.supportbot.nlu.doccat;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * The feature generators of the intent categorizer and the prefixes their features carry. The
 * prefixes keep kinds apart ({@code w=} a stem, {@code b=} a pair of neighbouring stems,
 * {@code c=} a character n-gram) and tell {@link TfIdf} which features are words.
 */
public final class Features {

    /** Prefix of a stem feature. */
    public static final String WORD = "w=";
    /** Prefix of a stem-pair feature. */
    public static final String BIGRAM = "b=";
    /** Prefix of a character n-gram feature. */
    public static final String CHARACTERS = "c=";

    private Features() {
    }

    /** A new set of the generators every model of this version is trained with, in their order. */
    public static FeatureGenerator[] generators() {
        return new FeatureGenerator[] {new StemFeatures(), new CharacterGramFeatures()};
    }

    /** Every feature of {@code tokens} from {@code generators}, repeats included. */
    static String[] extract(FeatureGenerator[] generators, String[] tokens) {
        List<String> all = new ArrayList<>();
        for (var generator : generators) {
            all.addAll(generator.extractFeatures(tokens, java.util.Map.of()));
        }
        return all.toArray(String[]::new);
    }
}
