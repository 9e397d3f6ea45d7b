package org.supportbot.nlu.doccat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Each token's Snowball stem ({@code w=заказ}) and each pair of neighbouring stems
 * ({@code b=где_заказ}): the words of a message and a little of their order. A feature occurring
 * twice is produced twice, so that the weighting can count it.
 */
public final class StemFeatures implements FeatureGenerator {

    /** For OpenNLP, which creates the generators a model names in its manifest. */
    public StemFeatures() {
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        var features = new ArrayList<String>(tokens.length * 2);
        String previous = null;
        for (var token : tokens) {
            var stem = Stems.stem(token);
            features.add(Features.WORD + stem);
            if (previous != null) {
                features.add(Features.BIGRAM + previous + "_" + stem);
            }
            previous = stem;
        }
        return features;
    }
}
