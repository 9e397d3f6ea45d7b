package org.supportbot.nlu;

import java.util.List;
import org.supportbot.nlu.doccat.Stems;
import org.supportbot.nlu.doccat.TfIdf;

/**
 * The classifier's text analysis for other modules (the editors' grouping of missed questions), so
 * that a question is read there exactly as the bot reads it: the same tokens, stems and idf.
 */
public final class TextAnalysis {

    private TextAnalysis() {
    }

    /** The tokens the classifier sees: lower case, «ё» as «е», words of letters or of digits. */
    public static List<String> tokens(String text) {
        return List.of(TextNormalizer.tokens(text));
    }

    /** The Snowball stem of a token by its script (Russian or English); short tokens and numbers stay as they are. */
    public static String stem(String token) {
        return Stems.stem(token);
    }

    /** The smoothed inverse document frequency, {@code ln((1 + n) / (1 + df)) + 1}, the classifier weights features with. */
    public static double idf(int documents, int documentFrequency) {
        return TfIdf.idf(documents, documentFrequency);
    }
}
