package org.supportbot.nlu;

import java.util.function.Consumer;

/**
 * The features of a tokenised message, as strings: each stem ({@code w=}), each pair of
 * neighbouring stems ({@code b=}) and the character 1- to 5-grams of each word with word-boundary
 * marks ({@code c=^зак}, {@code c=каз$}). The n-grams make the model robust to typos and to the
 * many word forms of Russian: «заказ», «заказа», «зака» share most of theirs. A feature occurring
 * twice is produced twice.
 */
final class TextFeatures {

    static final int MIN_GRAM = 1;
    static final int MAX_GRAM = 5;
    static final String WORD = "w=";
    static final String CHARACTERS = "c=";

    private TextFeatures() {
    }

    /** Hands every feature of {@code tokens} to {@code sink}, in order, repeats included. */
    static void extract(String[] tokens, Consumer<String> sink) {
        String previous = null;
        for (var token : tokens) {
            var stem = Stems.stem(token);
            sink.accept(WORD + stem);
            if (previous != null) {
                sink.accept("b=" + previous + "_" + stem);
            }
            previous = stem;
            characterGrams(token, sink);
        }
    }

    private static void characterGrams(String token, Consumer<String> sink) {
        var word = "^" + token + "$";
        for (int n = MIN_GRAM; n <= MAX_GRAM; n++) {
            for (int start = 0; start + n <= word.length(); start++) {
                if (n == 1 && (start == 0 || start == word.length() - 1)) {
                    continue; // a lone boundary mark says nothing
                }
                sink.accept(CHARACTERS + word.substring(start, start + n));
            }
        }
    }
}
