package org.supportbot.nlu;

import opennlp.tools.tokenize.Tokenizer;
import opennlp.tools.util.Span;

/**
 * OpenNLP's tokenizer interface over {@link TextNormalizer}, for Russian and English alike: words of
 * letters or of digits, lower case, «ё» as «е». Stateless and thread-safe.
 */
final class MessageTokenizer implements Tokenizer {

    @Override
    public String[] tokenize(String text) {
        return TextNormalizer.tokens(text);
    }

    /** The spans of the tokens in {@code text} after NFKC folding (the same text for ordinary input). */
    @Override
    public Span[] tokenizePos(String text) {
        return TextNormalizer.spans(text);
    }
}
