package org.supportbot.nlu;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.supportbot.nlu.doccat.Stems;

/**
 * Corrects a Russian word the model has never seen to the one known stem it is a single typo away
 * from (one letter missing, extra, wrong or two letters swapped; a symmetric-deletion index over the
 * model's word stems). A word with no such stem, or with two or more, is left alone, and so are short
 * words, where one letter changes too much. Immutable and thread-safe.
 */
final class Typos {

    /** Shortest stem corrected. */
    static final int SHORTEST = 5;
    private static final String AMBIGUOUS = "";

    private final Set<String> known;
    /** Each known stem and each of its one-letter deletions → the stem, or {@link #AMBIGUOUS}. */
    private final Map<String, String> index = new HashMap<>();

    Typos(Stream<String> knownStems) {
        this.known = new HashSet<>();
        knownStems.forEach(known::add);
        for (var stem : known) {
            if (stem.length() >= SHORTEST - 1 && isCyrillic(stem)) {
                put(stem, stem);
                for (int i = 0; i < stem.length(); i++) {
                    put(stem.substring(0, i) + stem.substring(i + 1), stem);
                }
            }
        }
    }

    private void put(String key, String stem) {
        index.merge(key, stem, (a, b) -> a.equals(b) ? a : AMBIGUOUS);
    }

    /** The tokens, each unknown Cyrillic one replaced by the known stem it is one typo away from, if exactly one. */
    String[] correct(String[] tokens) {
        String[] out = tokens;
        for (int t = 0; t < tokens.length; t++) {
            var token = tokens[t];
            if (token.length() < SHORTEST || !isCyrillic(token)) {
                continue;
            }
            var stem = Stems.stem(token);
            if (known.contains(stem)) {
                continue;
            }
            var match = lookup(stem);
            if (match != null) {
                if (out == tokens) {
                    out = tokens.clone();
                }
                out[t] = match;
            }
        }
        return out;
    }

    private String lookup(String stem) {
        String found = candidate(null, index.get(stem));
        for (int i = 0; i < stem.length() && !AMBIGUOUS.equals(found); i++) {
            found = candidate(found, index.get(stem.substring(0, i) + stem.substring(i + 1)));
        }
        return found == null || found.isEmpty() ? null : found;
    }

    private static String candidate(String found, String next) {
        if (next == null) {
            return found;
        }
        return found == null || found.equals(next) ? next : AMBIGUOUS;
    }

    private static boolean isCyrillic(String word) {
        return Character.UnicodeBlock.of(word.charAt(0)) == Character.UnicodeBlock.CYRILLIC;
    }
}
