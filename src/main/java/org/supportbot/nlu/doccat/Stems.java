package org.supportbot.nlu.doccat;

import opennlp.tools.stemmer.snowball.SnowballStemmer;

/** Snowball stemming by script: Cyrillic words get the Russian stemmer, the rest the English one. */
public final class Stems {

    // Snowball stemmers keep state between calls, so each thread gets its own.
    private static final ThreadLocal<SnowballStemmer> RUSSIAN =
            ThreadLocal.withInitial(() -> new SnowballStemmer(SnowballStemmer.ALGORITHM.RUSSIAN));
    private static final ThreadLocal<SnowballStemmer> ENGLISH =
            ThreadLocal.withInitial(() -> new SnowballStemmer(SnowballStemmer.ALGORITHM.ENGLISH));

    private Stems() {
    }

    /** The stem of a lower-case token; short tokens and numbers are their own stem. */
    public static String stem(String token) {
        if (token.length() < 3 || Character.isDigit(token.charAt(0))) {
            return token;
        }
        var stemmer = Character.UnicodeBlock.of(token.charAt(0)) == Character.UnicodeBlock.CYRILLIC ? RUSSIAN : ENGLISH;
        return stemmer.get().stem(token).toString();
    }
}
