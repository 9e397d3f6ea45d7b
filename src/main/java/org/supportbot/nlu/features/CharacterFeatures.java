package org.supportbot.nlu.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Character n-grams (3 to 5 characters) of each token with word-boundary marks, e.g.
 * {@code ^зак}, {@code каз$}. They make the model robust to typos and to the many word forms
 * of Russian: «заказ», «заказа», «зака» share most of their n-grams.
 */
public final class CharacterFeatures implements FeatureGenerator {

    static final int MIN = 3;
    static final int MAX = 5;

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        var features = new ArrayList<String>(tokens.length * 12);
        for (var token : tokens) {
            var word = "^" + token + "$";
            if (word.length() <= MIN) {
                features.add("c=" + word);
                continue;
            }
            for (int n = MIN; n <= MAX; n++) {
                for (int start = 0; start + n <= word.length(); start++) {
                    features.add("c=" + word.substring(start, start + n));
                }
            }
        }
        return features;
    }
}
