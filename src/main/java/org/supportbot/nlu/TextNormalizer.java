package org.supportbot.nlu;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a customer's message into the tokens the model sees: lower case, «ё» as «е», words of
 * letters or of digits, with punctuation, emoji and other symbols dropped. Letters and digits
 * stuck together ("заказ123") become separate tokens. Stemming happens in the features.
 */
final class TextNormalizer {

    /** Longest token kept; longer runs (pasted links, keys, keyboard mashing) are cut. */
    static final int MAX_TOKEN_LENGTH = 40;

    private TextNormalizer() {
    }

    static String[] tokens(String original) {
        // NFKC folds look-alike characters people paste from "fancy font" generators and
        // full-width keyboards (𝐇𝐞𝐥𝐥𝐨, Ｈｅｌｌｏ) into plain letters.
        // "№" would become "No" and stick to the word before it.
        var unfolded = original.replace('№', ' ');
        var text = Normalizer.isNormalized(unfolded, Normalizer.Form.NFKC) ? unfolded : Normalizer.normalize(unfolded, Normalizer.Form.NFKC);
        var tokens = new ArrayList<String>();
        var token = new StringBuilder();
        int kind = 0; // 0 none, 1 letters, 2 digits
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int next;
            if (Character.isLetter(cp)) {
                next = 1;
            } else if (Character.isDigit(cp)) {
                next = 2;
            } else if ((cp == '\'' || cp == '’' || cp == '-') && kind == 1 && i < text.length() && Character.isLetter(text.codePointAt(i))) {
                continue; // don't, e-mail, из-за: one word
            } else {
                next = 0;
            }
            if (next != kind) {
                flush(token, tokens);
                kind = next;
            }
            if (next != 0 && token.length() < MAX_TOKEN_LENGTH) {
                token.appendCodePoint(fold(cp));
            }
        }
        flush(token, tokens);
        return tokens.toArray(String[]::new);
    }

    private static int fold(int cp) {
        if (cp == 'ё' || cp == 'Ё') {
            return 'е';
        }
        return Character.toLowerCase(cp);
    }

    private static void flush(StringBuilder token, List<String> tokens) {
        if (!token.isEmpty()) {
            tokens.add(token.toString().toLowerCase(Locale.ROOT));
            token.setLength(0);
        }
    }
}
