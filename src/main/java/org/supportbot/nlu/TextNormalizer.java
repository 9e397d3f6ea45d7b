package org.supportbot.nlu;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Locale;
import opennlp.tools.util.Span;

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
        var tokens = new ArrayList<String>();
        scan(original, (start, end, token) -> tokens.add(token));
        return tokens.toArray(String[]::new);
    }

    /** Where each of {@link #tokens}' tokens lies in the NFKC-folded text (the same text for ordinary input). */
    static Span[] spans(String original) {
        var spans = new ArrayList<Span>();
        scan(original, (start, end, token) -> spans.add(new Span(start, end)));
        return spans.toArray(Span[]::new);
    }

    private interface TokenSink {
        void accept(int start, int end, String token);
    }

    private static void scan(String original, TokenSink sink) {
        // NFKC folds look-alike characters people paste from "fancy font" generators and
        // full-width keyboards (𝐇𝐞𝐥𝐥𝐨, Ｈｅｌｌｏ) into plain letters.
        // "№" would become "No" and stick to the word before it.
        var unfolded = original.replace('№', ' ');
        var text = Normalizer.isNormalized(unfolded, Normalizer.Form.NFKC) ? unfolded : Normalizer.normalize(unfolded, Normalizer.Form.NFKC);
        var token = new StringBuilder();
        int kind = 0; // 0 none, 1 letters, 2 digits
        int start = 0;
        for (int i = 0; i < text.length(); ) {
            int at = i;
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
                flush(token, start, at, sink);
                kind = next;
                start = at;
            }
            if (next != 0 && token.length() < MAX_TOKEN_LENGTH) {
                token.appendCodePoint(fold(cp));
            }
        }
        flush(token, start, text.length(), sink);
    }

    private static int fold(int cp) {
        if (cp == 'ё' || cp == 'Ё') {
            return 'е';
        }
        return Character.toLowerCase(cp);
    }

    private static void flush(StringBuilder token, int start, int end, TokenSink sink) {
        if (!token.isEmpty()) {
            sink.accept(start, end, token.toString().toLowerCase(Locale.ROOT));
            token.setLength(0);
        }
    }
}
