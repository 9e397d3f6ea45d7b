package org.supportbot.nlu.doccat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * The character 1- to 5-grams of each token with word-boundary marks ({@code c=^зак},
 * {@code c=каз$}). They make the model robust to typos and to the many word forms of Russian:
 * «заказ», «заказа», «зака» share most of theirs. A lone boundary mark is left out.
 */
public final class CharacterGramFeatures implements FeatureGenerator {

    static final int MIN_GRAM = 1;
    static final int MAX_GRAM = 5;

    /** For OpenNLP, which creates the generators a model names in its manifest. */
    public CharacterGramFeatures() {
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        var features = new ArrayList<String>(tokens.length * 32);
        for (var token : tokens) {
            var word = "^" + token + "$";
            for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
                for (int start = 0; start + n <= word.length(); start++) {
                    if (n == 1 && (start == 0 || start == word.length() - 1)) {
                        continue; // a lone boundary mark says nothing
                    }
                    features.add(Features.CHARACTERS + word.substring(start, start + n));
                }
            }
        }
        return features;
    }
}
