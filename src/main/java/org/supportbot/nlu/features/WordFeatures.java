package org.supportbot.nlu.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Word features over normalised tokens: each stem ({@code w=}), each pair of neighbouring stems
 * ({@code b=}), and a marker for one- and two-word messages, which are mostly greetings,
 * thanks and bare topics.
 */
public final class WordFeatures implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        var features = new ArrayList<String>(tokens.length * 2 + 1);
        String previous = null;
        for (var token : tokens) {
            var stem = Stems.stem(token);
            features.add("w=" + stem);
            if (previous != null) {
                features.add("b=" + previous + "_" + stem);
            }
            previous = stem;
        }
        if (tokens.length <= 2) {
            features.add("len=" + tokens.length);
        }
        return features;
    }
}
